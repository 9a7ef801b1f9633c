using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Domovoy.Generators.Tests.Infrastructure;

/// <summary>The generator and analyzer as a workspace project's analyzer reference, as an IDE has them from the package.</summary>
internal sealed class GeneratorReference : AnalyzerReference
{
    // The workspace maps each generator back to its reference by instance, so the same ones are returned every time.
    private readonly ImmutableArray<ISourceGenerator> _generators = [new HassGenerator().AsSourceGenerator()];
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = [new UnknownEntityAnalyzer()];

    public override string FullPath => typeof(HassGenerator).Assembly.Location;

    public override object Id => nameof(GeneratorReference);

    public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => [];

    public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzers(string language) => _analyzers;

    public override ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => _generators;

    public override ImmutableArray<ISourceGenerator> GetGenerators(string language) => GetGeneratorsForAllLanguages();
}
