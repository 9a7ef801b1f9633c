using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Domovoy.Watch.Compiling;

/// <summary>
/// Compiles a workspace project in memory the way csc would for <c>dotnet build</c>: the project's compilation and
/// parse options (from the design-time build), its source generators (run by the workspace) and its analyzers (which
/// <c>Emit</c> alone never runs, so an analyzer error would otherwise slip through), with emit options mirrored from
/// the project's last real build (<see cref="EmitTemplate"/>).
/// </summary>
internal sealed class ProjectCompiler
{
    private readonly ConcurrentDictionary<ProjectId, ImmutableArray<DiagnosticAnalyzer>> _analyzers = new();

    /// <summary>Compiles, analyzes and (when there is no error) emits <paramref name="project"/>.</summary>
    /// <exception cref="InvalidOperationException">The project is not a C# project.</exception>
    public async Task<CompiledProject> CompileAsync(Project project, EmitTemplate template, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{project.FilePath}: not a C# project; domovoy watch compiles C# app projects.");
        var analyzers = _analyzers.GetOrAdd(project.Id, _ => project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(project.Language)).ToImmutableArray());
        var analysis = analyzers.IsEmpty
            ? Task.FromResult(ImmutableArray<Diagnostic>.Empty)
            : Task.Run(
                () => compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
                    .GetAnalyzerDiagnosticsAsync(cancellationToken),
                cancellationToken);

        // csc embeds generated sources in the PDB.
        var generated = await project.GetSourceGeneratedDocumentsAsync(cancellationToken).ConfigureAwait(false);
        var embedded = new List<EmbeddedText>();
        foreach (var document in generated)
        {
            if (document.FilePath is { } path)
            {
                embedded.Add(EmbeddedText.FromSource(path, await document.GetTextAsync(cancellationToken).ConfigureAwait(false)));
            }
        }

        using var assembly = new MemoryStream();
        using var pdb = template.SeparatePdb ? new MemoryStream() : null;
        using var win32Resources = template.VersionResource ? compilation.CreateDefaultWin32Resources(versionResource: true, noManifest: true, manifestContents: null, iconInIcoFormat: null) : null;
        var emit = compilation.Emit(assembly, pdb, win32Resources: win32Resources, options: template.Options, embeddedTexts: embedded, cancellationToken: cancellationToken);
        var diagnostics = emit.Diagnostics
            .Concat(await analysis.ConfigureAwait(false))
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .Distinct()
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToArray();
        var succeeded = emit.Success && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new CompiledProject(project, diagnostics, succeeded ? assembly.ToArray() : null, succeeded ? pdb?.ToArray() : null);
    }

    /// <summary>Forgets cached analyzers (the workspace was reopened and project ids changed).</summary>
    public void Reset() => _analyzers.Clear();
}
