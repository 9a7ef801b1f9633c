using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Domovoy.Generators.Model;
using Domovoy.Generators.Naming;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Domovoy.Generators;

/// <summary>
/// DOMOVOY010: a string literal names an entity that hass.snapshot.json does not contain, where an entity id is expected:
/// the first argument of a typed entity constructor (<c>new LightEntity("light.halway")</c>, any type deriving from
/// <c>Domovoy.Abstractions.EntityId</c>) or a <c>string</c> parameter named <c>entityId</c>
/// (<c>Hass.TryGetFullState("light.halway")</c>). The message names the closest existing ids. Silent when the project has
/// no snapshot or does not reference Domovoy.Abstractions.
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
            if (entityIdType is null || snapshotFile?.GetText(start.CancellationToken) is not { } text)
            {
                return;
            }

            var snapshot = SnapshotReader.Read(snapshotFile.Path, text.ToString()).Model;
            if (snapshot is null)
            {
                return;
            }

            var known = new HashSet<string>(snapshot.Entities.Select(e => e.EntityId), StringComparer.Ordinal);
            start.RegisterOperationAction(operation => Check(operation, entityIdType, known), OperationKind.Argument);
        });
    }

    private static void Check(OperationAnalysisContext context, INamedTypeSymbol entityIdType, HashSet<string> known)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter
            || argument.Value.ConstantValue is not { HasValue: true, Value: string id }
            || known.Contains(id)
            || !ExpectsEntityId(parameter, entityIdType))
        {
            return;
        }

        var closest = ClosestIds.Find(id, known);
        var hint = closest.Count == 0
            ? "; run 'domovoy codegen' if it is new"
            : $"; did you mean {string.Join(", ", closest)}?";
        context.ReportDiagnostic(Diagnostic.Create(UnknownEntity, argument.Value.Syntax.GetLocation(), id, hint));
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
