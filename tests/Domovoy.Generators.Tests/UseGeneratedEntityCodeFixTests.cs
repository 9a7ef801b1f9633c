using Domovoy.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Domovoy.Generators.Tests;

/// <summary>The DOMOVOY010 code fix, applied through a workspace as an IDE applies it; the result must compile.</summary>
[TestClass]
public sealed class UseGeneratedEntityCodeFixTests
{
    private const string App = """
        using Domovoy.Abstractions;

        namespace TestApp;

        internal static class App
        {
            internal static readonly LightEntity Typo = new("light.halway");
            internal static readonly EntityId Explicit = new LightEntity("light.halway");
            internal static readonly Entity Mismatch = new("light.halway");
            internal static EntityState? Read(IHassPlugin hass) => hass.TryGetFullState("switch.foo_baz");
        }
        """;

    private static string Snapshot => GeneratorHarness.Fixture("edge-home.snapshot.json");

    [TestMethod]
    public async Task EveryClosestIdIsOfferedAsItsGeneratedMember()
    {
        var document = CodeFixHarness.Open(Snapshot, App);
        var read = (await CodeFixHarness.UnknownEntitiesAsync(document))[3];

        var fixes = await CodeFixHarness.FixesAsync(document, read);

        CollectionAssert.AreEqual(
            new[] { "Use Entities.Switch.FooBar (switch.foo_bar)", "Use Entities.Switch.FooBar_2 (switch.foo__bar)", "Use Entities.Switch.Foobar (switch.foobar)" },
            fixes.Select(f => f.Title).ToArray());
    }

    [TestMethod]
    [DataRow(0, "internal static readonly LightEntity Typo = Entities.Light.Hallway;", DisplayName = "target-typed new: the member")]
    [DataRow(1, "internal static readonly EntityId Explicit = Entities.Light.Hallway;", DisplayName = "new LightEntity where an EntityId goes: the member")]
    [DataRow(2, "internal static readonly Entity Mismatch = new(Entities.Light.Hallway.Value);", DisplayName = "a type the member does not convert to: its id")]
    [DataRow(3, "internal static EntityState? Read(IHassPlugin hass) => hass.TryGetFullState(Entities.Switch.FooBar.Value);", DisplayName = "string entityId parameter: its id")]
    public async Task TheFirstFixReplacesTheLiteralAndTheAppCompiles(int index, string expectedLine)
    {
        var document = CodeFixHarness.Open(Snapshot, App);
        var diagnostic = (await CodeFixHarness.UnknownEntitiesAsync(document))[index];

        var fixedDocument = await CodeFixHarness.ApplyAsync(document, (await CodeFixHarness.FixesAsync(document, diagnostic))[0]);

        var text = (await fixedDocument.GetTextAsync()).ToString();
        StringAssert.Contains(text, "    " + expectedLine + "\n", text);
        Assert.AreEqual(App.Split('\n').Length, text.Split('\n').Length, "only the one line changes");
        var problems = await CodeFixHarness.ProblemsAsync(fixedDocument);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        Assert.HasCount(3, await CodeFixHarness.UnknownEntitiesAsync(fixedDocument));
    }

    [TestMethod]
    public async Task OutsideTheAppNamespaceTheMemberKeepsItsNamespace()
    {
        var document = CodeFixHarness.Open(Snapshot, """
            namespace Elsewhere;

            internal static class App
            {
                internal static readonly Domovoy.Abstractions.LightEntity Typo = new("light.halway");
            }
            """);
        var diagnostic = (await CodeFixHarness.UnknownEntitiesAsync(document)).Single();

        var fixedDocument = await CodeFixHarness.ApplyAsync(document, (await CodeFixHarness.FixesAsync(document, diagnostic))[0]);

        StringAssert.Contains((await fixedDocument.GetTextAsync()).ToString(), "Typo = TestApp.Entities.Light.Hallway;");
        Assert.IsEmpty(await CodeFixHarness.ProblemsAsync(fixedDocument));
    }

    [TestMethod]
    public async Task AnIdWithoutSuggestionsGetsNoFix()
    {
        var document = CodeFixHarness.Open(Snapshot, """
            internal static class App
            {
                internal static readonly Domovoy.Abstractions.SensorEntity<double> Sensor = new("sensor.nowhere_at_all");
            }
            """);
        var diagnostic = (await CodeFixHarness.UnknownEntitiesAsync(document)).Single();

        Assert.IsEmpty(await CodeFixHarness.FixesAsync(document, diagnostic));
    }
}
