using System;
using System.IO;
using System.Linq;
using System.Text;
using Domovoy.Generators.Emit;
using Domovoy.Generators.Model;
using Domovoy.Generators.Naming;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Domovoy.Generators;

/// <summary>
/// Generates typed entities (<c>Entities</c>), services (<c>Hass.&lt;Domain&gt;.…Async</c>) and, when the project asks
/// for them with the <c>DomovoyGroupings</c> property, the groupings <c>Areas</c> and <c>Labels</c>, from the project's
/// <c>hass.snapshot.json</c> AdditionalFiles item (docs/hass-snapshot.md), in the project's root namespace. Incremental: the snapshot is parsed into value-equal models, so a build that did not change the snapshot,
/// the root namespace or the language version reuses the generated sources.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HassGenerator : IIncrementalGenerator
{
    /// <summary>The file name the generator reads (any folder).</summary>
    public const string SnapshotFileName = "hass.snapshot.json";

    /// <summary>Tracking names of the pipeline steps (for the caching tests).</summary>
    public const string ParseStep = "ParseSnapshot";

    /// <summary>Tracking name of the combined input of the emit step.</summary>
    public const string InputStep = "GeneratorInput";

    private static readonly DiagnosticDescriptor InvalidSnapshot = new(
        DiagnosticIds.InvalidSnapshot,
        "The Home Assistant snapshot cannot be read",
        "hass.snapshot.json: {0}",
        "Domovoy",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The snapshot written by 'domovoy codegen' is not valid JSON or does not have the documented shape (docs/hass-snapshot.md). Regenerate it with 'domovoy codegen'.");

    private static readonly DiagnosticDescriptor NewerSchema = new(
        DiagnosticIds.NewerSchema,
        "The Home Assistant snapshot is newer than this generator",
        "hass.snapshot.json: {0}",
        "Domovoy",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor LanguageVersionTooLow = new(
        DiagnosticIds.LanguageVersionTooLow,
        "Typed Home Assistant services need C# 14",
        "The typed services (Hass.<Domain>.<Service>Async) are C# 14 extension members, but this project compiles C# {0}; set <LangVersion>14</LangVersion> (or latest) to get them. Entities, areas and labels are still generated.",
        "Domovoy",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var snapshots = context.AdditionalTextsProvider
            .Where(static text => string.Equals(Path.GetFileName(text.Path), SnapshotFileName, StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => SnapshotReader.Read(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(ParseStep)
            .Collect();

        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null)
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName))
            .Select(static (names, _) => NamespaceOrDefault(names.Left ?? names.Right));

        var groupings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => Groupings.Parse(options.GlobalOptions.TryGetValue(Groupings.BuildProperty, out var value) ? value : null));

        var languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions csharp ? csharp.LanguageVersion : LanguageVersion.Default);

        var input = snapshots
            .Combine(rootNamespace)
            .Combine(languageVersion)
            .Combine(groupings)
            .Select(static (x, _) => new GeneratorInput(x.Left.Left.Left.FirstOrDefault(), x.Left.Left.Right, x.Left.Right, x.Right))
            .WithTrackingName(InputStep);

        context.RegisterSourceOutput(input, static (output, input) => Execute(output, input));
    }

    private static void Execute(SourceProductionContext context, GeneratorInput input)
    {
        if (input.Snapshot is not { } result)
        {
            return;
        }

        foreach (var problem in result.Diagnostics)
        {
            var descriptor = problem.Id == DiagnosticIds.NewerSchema ? NewerSchema : InvalidSnapshot;
            var position = new LinePosition(problem.Line - 1, problem.Column - 1);
            var location = Location.Create(problem.FilePath, default, new LinePositionSpan(position, position));
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, problem.Message));
        }

        if (result.Model is not { } snapshot)
        {
            return;
        }

        var extensionMembers = input.LanguageVersion >= (LanguageVersion)1400;
        if (!extensionMembers && snapshot.Services.Count > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(LanguageVersionTooLow, Location.None, input.LanguageVersion.ToDisplayString()));
        }

        var names = EntityNames.Create(snapshot);
        context.AddSource("Entities.g.cs", SourceText.From(EntitiesEmitter.Emit(input.RootNamespace, snapshot, names, extensionMembers), Encoding.UTF8));
        if (input.Groupings.Areas)
        {
            var areas = new GroupsEmitter.Grouping("Areas", "area", snapshot.Areas.Select(a => (a.Id, a.Name)).ToList(), e => e.Area is null ? [] : [e.Area]);
            context.AddSource("Areas.g.cs", SourceText.From(GroupsEmitter.Emit(input.RootNamespace, names, areas), Encoding.UTF8));
        }

        if (input.Groupings.Labels)
        {
            var labels = new GroupsEmitter.Grouping("Labels", "label", snapshot.Labels.Select(l => (l.Id, l.Name)).ToList(), e => e.Labels);
            context.AddSource("Labels.g.cs", SourceText.From(GroupsEmitter.Emit(input.RootNamespace, names, labels), Encoding.UTF8));
        }
        if (extensionMembers)
        {
            context.AddSource("Services.g.cs", SourceText.From(ServicesEmitter.Emit(input.RootNamespace, snapshot), Encoding.UTF8));
        }
    }

    /// <summary>A valid namespace from the project's RootNamespace (or assembly name): each dot-separated part made a
    /// valid identifier, so "My-App.1" becomes "MyApp._1".</summary>
    internal static string NamespaceOrDefault(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "HassModel";
        }

        return string.Join(".", name!.Split('.').Select(part =>
        {
            var identifier = SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None ? part : Identifiers.Pascal(part);
            return identifier;
        }));
    }

    /// <summary>Everything the emit step needs, value-equal.</summary>
    private sealed record GeneratorInput(SnapshotResult? Snapshot, string RootNamespace, LanguageVersion LanguageVersion, Groupings Groupings);
}
