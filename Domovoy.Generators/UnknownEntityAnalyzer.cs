using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Domovoy.Generators;

/// <summary>
/// DOMOVOY010: a string literal names an entity that hass.snapshot.json does not contain, where an entity id is expected:
/// the first argument of a typed entity constructor (<c>new LightEntity("light.halway")</c>, any type deriving from
/// <c>Domovoy.Abstractions.EntityId</c>) or a <c>string</c> parameter named <c>entityId</c>
/// (<c>Hass.TryGetFullState("light.halway")</c>). The message names the closest existing ids, and the diagnostic carries
/// their generated members for the code fix. Silent when the project has no snapshot or does not reference
/// Domovoy.Abstractions.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnknownEntityAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor UnknownEntity = new(
        DiagnosticIds.UnknownEntity,
        "Unknown Home Assistant entity",
        "'{0}' is not an entity in hass.snapshot.json{1}",
        "Domovoy",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The entity id is not in the Home Assistant snapshot, so it is misspelt, renamed or new. Use the generated Entities member, or run 'domovoy codegen' if the entity is new.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [UnknownEntity];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var entityIdType = start.Compilation.GetTypeByMetadataName("Domovoy.Abstractions.EntityId");
            var snapshotFile = start.Options.AdditionalFiles
                .FirstOrDefault(f => string.Equals(Path.GetFileName(f.Path), HassGenerator.SnapshotFileName, StringComparison.OrdinalIgnoreCase));
            if (entityIdType is null || snapshotFile is null)
            {
                return;
            }

            // Read the snapshot only when a literal is passed where an entity id is expected: most builds have none, and
            // reading a big home's snapshot costs every build ~20 MB and tens of milliseconds.
            var rootNamespace = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var configured) && !string.IsNullOrWhiteSpace(configured)
                ? configured
                : start.Compilation.AssemblyName;
            var snapshot = new Lazy<KnownEntities?>(() => KnownEntities.Read(snapshotFile, HassGenerator.NamespaceOrDefault(rootNamespace), start.CancellationToken));
            start.RegisterOperationAction(operation => Check(operation, entityIdType, snapshot), OperationKind.Argument);
        });
    }

    private static void Check(OperationAnalysisContext context, INamedTypeSymbol entityIdType, Lazy<KnownEntities?> snapshot)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter
            || argument.Value.ConstantValue is not { HasValue: true, Value: string id }
            || !ExpectsEntityId(parameter, entityIdType)
            || snapshot.Value is not { } known
            || known.Contains(id))
        {
            return;
        }

        var closest = known.Closest(id);
        var hint = closest.Count == 0
            ? "; run 'domovoy codegen' if it is new"
            : $"; did you mean {string.Join(", ", closest)}?";

        // The generated member of each suggestion, for the code fix (Domovoy.Generators.CodeFixes).
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        for (var i = 0; i < closest.Count; i++)
        {
            properties.Add(UnknownEntityProperties.Id(i), closest[i]);
            properties.Add(UnknownEntityProperties.Member(i), known.MemberOf(closest[i]));
        }

        context.ReportDiagnostic(Diagnostic.Create(UnknownEntity, argument.Value.Syntax.GetLocation(), properties.ToImmutable(), id, hint));
    }

    private static bool ExpectsEntityId(IParameterSymbol parameter, INamedTypeSymbol entityIdType)
    {
        if (string.Equals(parameter.Name, "entityId", StringComparison.Ordinal))
        {
            return true;
        }

        if (parameter.Ordinal != 0 || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
        {
            return false;
        }

        for (var type = constructor.ContainingType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, entityIdType))
            {
                return true;
            }
        }

        return false;
    }
}
