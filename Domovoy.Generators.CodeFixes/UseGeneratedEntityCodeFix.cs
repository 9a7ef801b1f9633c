using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Domovoy.Generators.CodeFixes;

/// <summary>
/// Fixes DOMOVOY010 (an entity id literal the snapshot does not contain) with each suggested id's generated member,
/// closest first: <c>new LightEntity("light.halway")</c> becomes <c>Entities.Light.Hallway</c> when the member's type fits
/// where the object was created, otherwise the literal becomes <c>Entities.Light.Hallway.Value</c> (a <c>string entityId</c>
/// parameter, or an entity type the member does not convert to). A suggestion whose member the compilation does not have
/// (the generator did not run) is not offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseGeneratedEntityCodeFix))]
[Shared]
public sealed class UseGeneratedEntityCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.UnknownEntity];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax literal)
            {
                continue;
            }

            for (var i = 0; diagnostic.Properties.TryGetValue(UnknownEntityProperties.Member(i), out var member) && member is not null; i++)
            {
                if (Replacement.Plan(model, literal, member, context.CancellationToken) is not { } replacement)
                {
                    continue;
                }

                var id = diagnostic.Properties.TryGetValue(UnknownEntityProperties.Id(i), out var value) ? value : null;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {Display(member)} ({id})",
                        cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(replacement.Node, replacement.With))),
                        equivalenceKey: $"{DiagnosticIds.UnknownEntity}.{i}"),
                    diagnostic);
            }
        }
    }

    /// <summary>The member as the user will see it after simplification: from <c>Entities</c> on.</summary>
    private static string Display(string member)
    {
        var entities = member.LastIndexOf("." + EntitiesClass + ".", StringComparison.Ordinal);
        return entities < 0 ? member : member.Substring(entities + 1);
    }

    private const string EntitiesClass = Naming.EntityNames.EntitiesClass;

    /// <summary>What to replace (the literal, or the whole object creation) and with what.</summary>
    private sealed class Replacement(SyntaxNode node, SyntaxNode with)
    {
        public SyntaxNode Node { get; } = node;

        public SyntaxNode With { get; } = with;

        public static Replacement? Plan(SemanticModel model, ExpressionSyntax literal, string member, CancellationToken cancellationToken)
        {
            var expression = SyntaxFactory.ParseExpression(member);
            var memberType = model.GetSpeculativeTypeInfo(literal.SpanStart, expression, SpeculativeBindingOption.BindAsExpression).Type;
            if (memberType is null or IErrorTypeSymbol)
            {
                return null;
            }

            // new LightEntity("light.halway") / new("light.halway") → the member, when it fits where the value goes.
            if (literal.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: BaseObjectCreationExpressionSyntax { Initializer: null } creation } }
                && model.GetTypeInfo(creation, cancellationToken) is { Type: { } created } typeInfo
                && model.Compilation.ClassifyConversion(memberType, typeInfo.ConvertedType ?? created).IsImplicit)
            {
                return new Replacement(creation, Annotate(expression).WithTriviaFrom(creation));
            }

            // A string is expected: the member's id.
            var value = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Annotate(expression), SyntaxFactory.IdentifierName("Value"));
            return new Replacement(literal, value.WithTriviaFrom(literal));
        }

        /// <summary>Written fully qualified, then reduced by the simplifier to what the location needs
        /// (<c>Entities.Light.Hallway</c> inside the app's namespace).</summary>
        private static ExpressionSyntax Annotate(ExpressionSyntax expression)
            => expression.WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
    }
}
