using System.Reflection;
using Domovoy.Abstractions;
using Domovoy.Generators.Emit;
using Domovoy.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Domovoy.Generators.Tests;

/// <summary>The README's type mapping table: entity types by domain/state kind, attribute types, service parameter
/// types by selector, and what the generated calls send.</summary>
[TestClass]
public sealed class TypeMappingTests
{
    [TestMethod]
    [DataRow("Light", "Hallway", "Domovoy.Abstractions.LightEntity")]
    [DataRow("BinarySensor", "ÜglyDöör", "Domovoy.Abstractions.BinarySensorEntity")]
    [DataRow("InputSelect", "Mode", "Domovoy.Abstractions.InputSelectEntity")]
    [DataRow("Sensor", "KitchenTemperature", "Domovoy.Abstractions.SensorEntity<double>")]
    [DataRow("Sensor", "LastBoot", "Domovoy.Abstractions.SensorEntity<System.DateTimeOffset>")]
    [DataRow("Sensor", "Washer", "Domovoy.Abstractions.TextSensorEntity")]
    [DataRow("Sensor", "Sensor_2", "Domovoy.Abstractions.TextSensorEntity")]
    [DataRow("WeirdDomain", "Thing", "Domovoy.Abstractions.Entity")]
    public void EntityTypes(string domainClass, string member, string expectedType)
        => Assert.AreEqual(expectedType, FieldType($"Entities+{domainClass}", member));

    [TestMethod]
    public void EveryDomainTypeExistsInAbstractionsAndAcceptsItsDomain()
    {
        foreach (var (domain, typeName) in Emit.EntityTypes.ByDomain)
        {
            var type = typeof(EntityId).Assembly.GetType($"Domovoy.Abstractions.{typeName}") ?? throw new AssertFailedException($"{typeName} is not in Abstractions");
            var entity = (EntityId)Activator.CreateInstance(type, $"{domain}.x")!;
            Assert.AreEqual(domain, entity.Domain);
            Assert.ThrowsExactly<TargetInvocationException>(() => Activator.CreateInstance(type, "other_domain.x"), $"{typeName} must check its domain");
        }
    }

    [TestMethod]
    [DataRow("Brightness", "double?")]
    [DataRow("ColorMode", "string?")]
    [DataRow("Supported", "bool?")]
    [DataRow("EffectList", "System.Text.Json.JsonElement?")]
    [DataRow("Weird", "System.Text.Json.JsonElement?")]
    [DataRow("State_2", "string?")]
    public void AttributeTypes(string property, string expectedType)
    {
        var member = Type("Entities+Light+Attributes").GetMembers(property).OfType<IPropertySymbol>().Single();
        Assert.AreEqual(expectedType, member.Type.ToDisplayString());
    }

    [TestMethod]
    [DataRow("event", "string")]
    [DataRow("_1st", "string?")]
    [DataRow("at", "System.TimeOnly?")]
    [DataRow("cancellationToken_2", "bool?")]
    [DataRow("data", "object?")]
    [DataRow("for", "System.TimeSpan?")]
    [DataRow("lamp", "Domovoy.Abstractions.LightEntity?")]
    [DataRow("legacy", "object?")]
    [DataRow("modes", "System.Collections.Generic.IEnumerable<string>?")]
    [DataRow("rgb", "(int R, int G, int B)?")]
    [DataRow("sensors", "System.Collections.Generic.IEnumerable<Domovoy.Abstractions.EntityId>?")]
    [DataRow("switches", "System.Collections.Generic.IEnumerable<Domovoy.Abstractions.SwitchEntity>?")]
    [DataRow("target_2", "string?")]
    [DataRow("waits", "System.Collections.Generic.IEnumerable<System.TimeSpan>?")]
    [DataRow("cancellationToken", "System.Threading.CancellationToken")]
    public void ServiceParameterTypes(string parameter, string expectedType)
    {
        var method = (IMethodSymbol)Type("HassServices+Test").GetMembers("AllTypesAsync").Single();
        Assert.AreEqual(expectedType, method.Parameters.Single(p => p.Name == parameter).Type.ToDisplayString());
        Assert.AreEqual("System.Threading.Tasks.Task<Domovoy.Abstractions.ServiceCallResult>", method.ReturnType.ToDisplayString());
    }

    [TestMethod]
    public void TargetOverloadsTakeOneEntityOrASequence()
    {
        var overloads = Type("HassServices+Light").GetMembers("TurnOnAsync").Cast<IMethodSymbol>().Select(m => m.Parameters[0].Type.ToDisplayString()).Order().ToArray();
        CollectionAssert.AreEqual(new[] { "Domovoy.Abstractions.LightEntity", "System.Collections.Generic.IEnumerable<Domovoy.Abstractions.LightEntity>" }, overloads);
        var anyEntity = Type("HassServices+Homeassistant").GetMembers("TurnOnAsync").Cast<IMethodSymbol>().Select(m => m.Parameters[0].Type.ToDisplayString()).Order().ToArray();
        CollectionAssert.AreEqual(new[] { "Domovoy.Abstractions.EntityId", "System.Collections.Generic.IEnumerable<Domovoy.Abstractions.EntityId>" }, anyEntity);
    }

    [TestMethod]
    public async Task GeneratedCallsSendHomeAssistantFieldNamesAndShapes()
    {
        const string probe = """
            using System;
            using System.Threading.Tasks;
            using Domovoy.Abstractions;

            namespace TestApp;

            /// <summary>Calls generated services.</summary>
            public static class Probe
            {
                /// <summary>Runs the calls.</summary>
                /// <param name="hass">The recorder.</param>
                /// <returns>When done.</returns>
                public static async Task RunAsync(IHassPlugin hass)
                {
                    await hass.Light.TurnOnAsync(Entities.Light.Hallway, brightnessPct: 80, rgbColor: (255, 128, 0), flash: HassServices.Light.TurnOnFlashOptions.Long);
                    await hass.Test.AllTypesAsync(
                        @event: "e", at: new TimeOnly(7, 5, 9), @for: new TimeSpan(1, 2, 3, 4, 5), lamp: Entities.Light.Light_2,
                        modes: [HassServices.Test.AllTypesModesOptions.A], switches: [Entities.Switch.FooBar, Entities.Switch.FooBar_2],
                        waits: [TimeSpan.FromSeconds(90)], data: new { nested = 1 }, cancellationToken_2: true, target_2: "kitchen");
                    await hass.Light.TurnOffAsync(Entities.Light.All);
                    await hass.Weather.GetForecastsAsync(new WeatherEntity("weather.home"), "daily");
                    await hass.Notify.SendMessageAsync("hi");
                    await hass.Calendar.GetEventsAsync(new CalendarEntity("calendar.home"));
                }
            }

            internal sealed class WeatherEntity(string id) : EntityId<string?>(id, "weather")
            {
                protected override string? Parse(EntityState state) => state.State;
            }

            internal sealed class CalendarEntity(string id) : EntityId<string?>(id, "calendar")
            {
                protected override string? Parse(EntityState state) => state.State;
            }
            """;
        var (output, diagnostics, _) = GeneratorHarness.Generate(GeneratorHarness.Fixture("edge-home.snapshot.json"), probe);
        Assert.IsEmpty(diagnostics);
        var hass = new RecordingHass();

        await (Task)GeneratorHarness.Load(output).GetType("TestApp.Probe")!.GetMethod("RunAsync")!.Invoke(null, [hass])!;

        var calls = hass.Calls;
        Assert.AreEqual(6, calls.Count);
        Assert.AreEqual(("light", "turn_on"), (calls[0].Domain, calls[0].Service));
        CollectionAssert.AreEqual(new[] { "light.hallway" }, calls[0].Target!.EntityIds!.ToArray());
        Assert.AreEqual("""{"brightness_pct":80,"flash":"long","rgb_color":[255,128,0]}""", calls[0].Data);
        Assert.AreEqual(
            """{"event":"e","at":"07:05:09","cancellation_token":true,"data":{"nested":1},"for":{"days":1,"hours":2,"minutes":3,"seconds":4,"milliseconds":5},"lamp":"light.light","modes":["a"],"switches":["switch.foo_bar","switch.foo__bar"],"target":"kitchen","waits":[{"days":0,"hours":0,"minutes":1,"seconds":30,"milliseconds":0}]}""",
            calls[1].Data);
        Assert.IsNull(calls[1].Target);
        CollectionAssert.AreEqual(new[] { "light.all", "light.attributes", "light.hallway", "light.light" }, calls[2].Target!.EntityIds!.ToArray());
        Assert.AreEqual("{}", calls[2].Data, "unset optional fields are left out");
        Assert.IsTrue(calls[3].ReturnResponse, "response: only");
        Assert.AreEqual("""{"type":"daily"}""", calls[3].Data);
        Assert.AreEqual("""{"message":"hi"}""", calls[4].Data);
        Assert.IsFalse(calls[5].ReturnResponse, "response: optional, not asked for");
    }

    private static INamedTypeSymbol Type(string metadataName) => GeneratorHarness.EdgeHomeType(metadataName);

    private static string FieldType(string type, string member)
        => Type(type).GetMembers(member).OfType<IFieldSymbol>().Single().Type.ToDisplayString();
}
