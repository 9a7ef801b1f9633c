using System.Collections.Immutable;
using Domovoy.Generators.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Domovoy.Generators.Tests.Infrastructure;

/// <summary>Applies <see cref="UseGeneratedEntityCodeFix"/> the way an IDE does: an AdhocWorkspace project with the app's
/// source, the snapshot as an additional document and the generator and analyzer as its analyzer reference (so the
/// compilation has the generated members), the code action's operations applied to the solution.</summary>
internal static class CodeFixHarness
{
    public static Document Open(string snapshot, string source)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                GeneratorHarness.RootNamespace,
                GeneratorHarness.RootNamespace,
                LanguageNames.CSharp,
                compilationOptions: GeneratorHarness.CompilationOptions,
                parseOptions: GeneratorHarness.ParseOptions(),
                metadataReferences: GeneratorHarness.MetadataReferences,
                analyzerReferences: [new GeneratorReference()]))
            .AddDocument(documentId, "App.cs", source, filePath: "/app/App.cs")
            .AddAdditionalDocument(DocumentId.CreateNewId(projectId), HassGenerator.SnapshotFileName, snapshot, filePath: "/app/" + HassGenerator.SnapshotFileName);
        return solution.GetDocument(documentId)!;
    }

    /// <summary>The DOMOVOY010 warnings in the document's project, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> UnknownEntitiesAsync(Document document)
    {
        var compilation = await document.Project.GetCompilationAsync() ?? throw new AssertFailedException("no compilation");
        var diagnostics = await compilation.WithAnalyzers([new UnknownEntityAnalyzer()], document.Project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.Where(d => d.Id == DiagnosticIds.UnknownEntity).OrderBy(d => d.Location.SourceSpan.Start)];
    }

    /// <summary>The fixes offered for <paramref name="diagnostic"/>, in the order offered.</summary>
    public static async Task<IReadOnlyList<CodeAction>> FixesAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await new UseGeneratedEntityCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    /// <summary>The document after <paramref name="action"/> (simplified and formatted, as the IDE applies it).</summary>
    public static async Task<Document> ApplyAsync(Document document, CodeAction action)
    {
        var operation = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        return operation.ChangedSolution.GetDocument(document.Id)!;
    }

    /// <summary>Every compiler diagnostic at warning level or above in the fixed project, generated sources included.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> ProblemsAsync(Document document)
        => GeneratorHarness.Problems(await document.Project.GetCompilationAsync() ?? throw new AssertFailedException("no compilation"));
}
