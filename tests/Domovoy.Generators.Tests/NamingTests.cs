using Domovoy.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Domovoy.Generators.Tests;

/// <summary>Identifiers for awkward ids, checked on the compiled symbols (not on generated text).</summary>
[TestClass]
public sealed class NamingTests
{
    [TestMethod]
    [DataRow("Entities+Light", "Light_2", "light.light", DisplayName = "object id equal to the domain (the containing class)")]
    [DataRow("Entities+Light", "All_2", "light.all", DisplayName = "object id equal to the generated All list")]
    [DataRow("Entities+Light", "Attributes_2", "light.attributes", DisplayName = "object id equal to the attributes class")]
    [DataRow("Entities+Sensor", "_1stFloorTemperature", "sensor.1st_floor_temperature", DisplayName = "leading digit")]
    [DataRow("Entities+Sensor", "Sensor_2", "sensor.sensor", DisplayName = "sensor.sensor")]
    [DataRow("Entities+Switch", "FooBar", "switch.foo_bar", DisplayName = "plain snake_case keeps the plain name")]
    [DataRow("Entities+Switch", "FooBar_2", "switch.foo__bar", DisplayName = "double underscore gets the suffix")]
    [DataRow("Entities+Switch", "Foobar", "switch.foobar", DisplayName = "no underscore differs by case")]
    [DataRow("Entities+Switch", "Class", "switch.class", DisplayName = "C# keyword")]
    [DataRow("Entities+BinarySensor", "ÜglyDöör", "binary_sensor.ügly_döör", DisplayName = "unicode letters")]
    [DataRow("Entities+Entities_2", "X", "entities.x", DisplayName = "domain equal to the Entities class")]
    [DataRow("Entities+WeirdDomain", "Thing", "weird_domain.thing", DisplayName = "domain without an Abstractions type")]
    public void EntityMemberNames(string type, string member, string entityId)
    {
        var field = Field(type, member);
        var initializer = field.DeclaringSyntaxReferences.Single().GetSyntax().ToString();
        StringAssert.Contains(initializer, $"\"{entityId}\"");
    }

    [TestMethod]
    public void GroupingsUseTheSameMembers()
    {
        Assert.IsNotNull(Field("Areas+Kitchen+Light", "Hallway"));
        Assert.IsNotNull(Field("Areas+Kitchen+Sensor", "KitchenTemperature"));
        Assert.IsNotNull(Field("Areas+_1stFloor+Light", "Light_2"));
        Assert.IsNotNull(Field("Areas+Areas_2+Switch", "Class"));
        Assert.IsNotNull(Field("Labels+Night+Light", "Hallway"));
        Assert.IsNotNull(Field("Areas+Kitchen", "All"));
        Assert.IsNotNull(Field("Areas+Kitchen+Light", "All"));
    }

    [TestMethod]
    public void OptionConstants()
    {
        Assert.AreEqual("2nd_rinse", Field("Entities+Sensor+WasherOptions", "_2ndRinse").ConstantValue);
        Assert.AreEqual("class", Field("Entities+Sensor+WasherOptions", "Class").ConstantValue);
        Assert.AreEqual("home", Field("Entities+InputSelect+ModeOptions", "Home").ConstantValue);
        Assert.AreEqual("Home", Field("Entities+InputSelect+ModeOptions", "Home_2").ConstantValue);
        Assert.AreEqual("night mode", Field("Entities+InputSelect+ModeOptions", "NightMode").ConstantValue);
        Assert.AreEqual("short", Field("HassServices+Light+TurnOnFlashOptions", "Short").ConstantValue);
    }

    [TestMethod]
    public void ServiceMethodAndParameterNames()
    {
        var test = Type("HassServices+Test");
        Assert.AreEqual(1, test.GetMembers("AllTypesAsync").Length, "test.all_types (plain snake_case) keeps the plain name");
        Assert.AreEqual(1, test.GetMembers("AllTypesAsync_2").Length, "test.all-types gets the suffix");
        var allTypes = (IMethodSymbol)test.GetMembers("AllTypesAsync").Single();
        CollectionAssert.AreEqual(
            new[] { "event", "_1st", "at", "cancellationToken_2", "data", "for", "lamp", "legacy", "modes", "rgb", "sensors", "switches", "target_2", "waits", "cancellationToken" },
            allTypes.Parameters.Select(p => p.Name).ToArray());
        var extensions = Type("HassServiceExtensions");
        Assert.IsTrue(extensions.GetTypeMembers().SelectMany(t => t.GetMembers()).Any(m => m.Name == "Events_2"), "a domain named like an IHassPlugin member gets a suffix");
    }

    private static INamedTypeSymbol Type(string metadataName) => GeneratorHarness.EdgeHomeType(metadataName);

    private static IFieldSymbol Field(string type, string member)
        => Type(type).GetMembers(member).OfType<IFieldSymbol>().SingleOrDefault() ?? throw new AssertFailedException($"no field {type}.{member}; has {string.Join(", ", Type(type).GetMembers().Select(m => m.Name))}");
}
