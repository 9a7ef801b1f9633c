using Domovoy.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Domovoy.Generators.Tests;

[TestClass]
public sealed class UnknownEntityAnalyzerTests
{
    private static string Snapshot => GeneratorHarness.Fixture("edge-home.snapshot.json");

    [TestMethod]
    public async Task AMisspeltEntityInATypedConstructorNamesTheClosestIds()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Snapshot, """
            using Domovoy.Abstractions;
            internal static class App
            {
                internal static readonly LightEntity Typo = new("light.halway");
                internal static readonly LightEntity Known = new LightEntity("light.hallway");
            }
            """);

        var warning = diagnostics.Single();
        Assert.AreEqual("DOMOVOY010", warning.Id);
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual("'light.halway' is not an entity in hass.snapshot.json; did you mean light.hallway?", warning.GetMessage());
        Assert.AreEqual("\"light.halway\"", warning.Location.SourceTree!.GetText().ToString(warning.Location.SourceSpan));
        Assert.AreEqual("light.hallway", warning.Properties["Id0"], "the suggestions travel to the code fix");
        Assert.AreEqual("global::TestApp.Entities.Light.Hallway", warning.Properties["Member0"]);
    }

    [TestMethod]
    public async Task EntityIdParametersAndAnyEntityTypeAreChecked()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Snapshot, """
            using Domovoy.Abstractions;
            internal static class App
            {
                internal static object? Run(IHassPlugin hass) => hass.TryGetFullState("switch.foo_baz");
                internal static readonly SensorEntity<double> Sensor = new("sensor.nowhere_at_all");
                internal static readonly Entity Known = new("weird_domain.thing");
            }
            """);

        CollectionAssert.AreEqual(
            new[]
            {
                "'switch.foo_baz' is not an entity in hass.snapshot.json; did you mean switch.foo_bar, switch.foo__bar, switch.foobar?",
                "'sensor.nowhere_at_all' is not an entity in hass.snapshot.json; run 'domovoy codegen' if it is new",
            },
            diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToArray());
    }

    [TestMethod]
    public async Task OtherStringsAndProjectsWithoutASnapshotAreLeftAlone()
    {
        const string source = """
            using Domovoy.Abstractions;
            internal static class App
            {
                internal static string Greeting(string name) => name;
                internal static readonly string Text = Greeting("light.halway");
                internal static readonly LightEntity Typo = new("light.halway");
            }
            """;

        Assert.HasCount(1, await GeneratorHarness.AnalyzeAsync(Snapshot, source));
        var withoutSnapshot = await GeneratorHarness.Compilation(source)
            .WithAnalyzers([new UnknownEntityAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        Assert.IsEmpty(withoutSnapshot);
    }
}
