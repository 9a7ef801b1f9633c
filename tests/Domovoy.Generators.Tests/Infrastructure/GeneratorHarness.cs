using System.Collections.Immutable;
using System.Reflection;
using Domovoy.Abstractions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Domovoy.Generators.Tests.Infrastructure;

/// <summary>Runs the real generator and analyzer the way the compiler does: an in-memory C# compilation referencing
/// Domovoy.Abstractions, the snapshot as an AdditionalFiles item, RootNamespace as a build property. Compiles with the
/// settings apps use (nullable, XML docs diagnosed, every warning reported).</summary>
internal static class GeneratorHarness
{
    public const string RootNamespace = "TestApp";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The DomovoyGroupings value that turns on both groupings (off when the property is not set).</summary>
    public const string AllGroupings = "true";

    private static readonly Lazy<Compilation> EdgeHomeCompilation = new(() => Generate(Fixture("edge-home.snapshot.json"), groupings: AllGroupings).Output);

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Preview)
        => new(version, DocumentationMode.Diagnose);

    /// <summary>The app's compilation options: a library, nullable on, every warning reported.</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Default);

    /// <summary>The framework and Domovoy.Abstractions.</summary>
    public static ImmutableArray<MetadataReference> MetadataReferences => References.Value;

    public static CSharpCompilation Compilation(string source = "", LanguageVersion version = LanguageVersion.Preview)
        => CSharpCompilation.Create(
            "TestApp",
            [CSharpSyntaxTree.ParseText(source, ParseOptions(version), path: "App.cs")],
            References.Value,
            CompilationOptions);

    public static AdditionalText SnapshotFile(string snapshot) => new InMemoryAdditionalText("/app/hass.snapshot.json", snapshot);

    public static CSharpGeneratorDriver Driver(string? snapshot, LanguageVersion version = LanguageVersion.Preview, string? groupings = null)
        => Driver(snapshot is null ? null : SnapshotFile(snapshot), version, groupings);

    /// <summary>A driver for the generator; <paramref name="groupings"/> is the project's DomovoyGroupings property (null: not set).</summary>
    public static CSharpGeneratorDriver Driver(AdditionalText? snapshot, LanguageVersion version = LanguageVersion.Preview, string? groupings = null)
    {
        var texts = snapshot is null ? ImmutableArray<AdditionalText>.Empty : [snapshot];
        return CSharpGeneratorDriver.Create(
            [new HassGenerator().AsSourceGenerator()],
            texts,
            ParseOptions(version),
            Properties(groupings),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>The build properties of a project in <see cref="RootNamespace"/> with the given DomovoyGroupings.</summary>
    public static BuildProperties Properties(string? groupings = null)
    {
        var properties = new Dictionary<string, string> { ["build_property.RootNamespace"] = RootNamespace };
        if (groupings is not null)
        {
            properties["build_property.DomovoyGroupings"] = groupings;
        }

        return new BuildProperties(properties);
    }

    /// <summary>Generates from <paramref name="snapshot"/> into a compilation of <paramref name="source"/>; returns the
    /// compilation with the generated sources and the generator's own diagnostics.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult Run) Generate(string? snapshot, string source = "", LanguageVersion version = LanguageVersion.Preview, string? groupings = null)
    {
        var driver = Driver(snapshot, version, groupings).RunGeneratorsAndUpdateCompilation(Compilation(source, version), out var output, out var diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    /// <summary>A generated type of the edge-case home (Fixtures/edge-home.snapshot.json), by metadata name below the root
    /// namespace ("Entities+Light").</summary>
    public static INamedTypeSymbol EdgeHomeType(string metadataName)
        => EdgeHomeCompilation.Value.GetTypeByMetadataName($"{RootNamespace}.{metadataName}") ?? throw new AssertFailedException($"no type {metadataName}");

    /// <summary>Every compiler diagnostic at warning level or above (the build runs with TreatWarningsAsErrors).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation)
        => compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Runs <see cref="UnknownEntityAnalyzer"/> over <paramref name="source"/> with the snapshot.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string snapshot, string source)
    {
        var options = new AnalyzerOptions([SnapshotFile(snapshot)]);
        return await Compilation(source)
            .WithAnalyzers([new UnknownEntityAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>Emits the compilation and loads it (into the default context, so it shares Domovoy.Abstractions with the test).</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(EntityId).Assembly.Location)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
