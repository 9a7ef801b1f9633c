using Domovoy.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Domovoy.Generators.Tests;

[TestClass]
public sealed class IncrementalTests
{
    [TestMethod]
    public void EditingCodeWithoutTouchingTheSnapshotReusesEverything()
    {
        var compilation = GeneratorHarness.Compilation("internal static class A { }");
        var driver = GeneratorHarness.Driver(GeneratorHarness.Fixture("edge-home.snapshot.json")).RunGenerators(compilation);

        // An unrelated edit: a new syntax tree, so the compilation (and the assembly-name input) is new.
        var edited = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("internal static class B { }", GeneratorHarness.ParseOptions()));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var parse = result.TrackedSteps[HassGenerator.ParseStep].Single();
        Assert.IsTrue(parse.Outputs.All(o => o.Reason == IncrementalStepRunReason.Cached), string.Join(", ", parse.Outputs.Select(o => o.Reason)));
        var input = result.TrackedSteps[HassGenerator.InputStep].Single();
        Assert.IsTrue(input.Outputs.All(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), string.Join(", ", input.Outputs.Select(o => o.Reason)));
        Assert.IsTrue(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).All(o => o.Reason == IncrementalStepRunReason.Cached));
    }

    [TestMethod]
    public void ChangingTheSnapshotRegenerates()
    {
        var compilation = GeneratorHarness.Compilation();
        var snapshot = GeneratorHarness.Fixture("edge-home.snapshot.json");
        var file = GeneratorHarness.SnapshotFile(snapshot);
        var driver = GeneratorHarness.Driver(file).RunGenerators(compilation);

        var changed = snapshot.Replace("\"light.hallway\"", "\"light.corridor\"", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(file, GeneratorHarness.SnapshotFile(changed));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.AreEqual(IncrementalStepRunReason.Modified, result.TrackedSteps[HassGenerator.ParseStep].Single().Outputs.Single().Reason);
        StringAssert.Contains(result.GeneratedSources.Single(s => s.HintName == "Entities.g.cs").SourceText.ToString(), "Corridor = new(\"light.corridor\")");
    }

    [TestMethod]
    public void TurningTheGroupingsOnReusesTheParsedSnapshot()
    {
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver(GeneratorHarness.Fixture("edge-home.snapshot.json")).RunGenerators(compilation);
        Assert.IsFalse(driver.GetRunResult().GeneratedTrees.Any(t => t.FilePath.EndsWith("Areas.g.cs", StringComparison.Ordinal)));

        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.Properties(GeneratorHarness.AllGroupings));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.AreEqual(IncrementalStepRunReason.Cached, result.TrackedSteps[HassGenerator.ParseStep].Single().Outputs.Single().Reason);
        CollectionAssert.IsSubsetOf(new[] { "Areas.g.cs", "Labels.g.cs" }, result.GeneratedSources.Select(s => s.HintName).ToArray());
    }
}
