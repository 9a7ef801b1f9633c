using System.Diagnostics;
using System.Globalization;
using Domovoy.Watch.Building;
using Domovoy.Watch.Compiling;
using Domovoy.Watch.Sources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Logging;

namespace Domovoy.Watch;

/// <summary>
/// Keeps the app projects open in one Roslyn workspace and, on each (debounced) save, recompiles the changed projects
/// and the app projects that use them, runs their analyzers, and, only when no diagnostic is an error, writes the DLL
/// and PDB into each app's output (plugin) folder: dependencies first, the app's own DLL last, each file atomically.
/// What the workspace does not model (project and <c>Directory.*</c> files, added or removed sources, resources) goes
/// through <c>dotnet build</c> and reopens the workspace. Call <see cref="MsBuildRegistration.EnsureRegistered"/> before
/// creating one.
/// </summary>
internal sealed class CompileLoop : IDisposable
{
    private const string StartTrigger = "start";
    private readonly WatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProjectCompiler _compiler = new();
    private MSBuildWorkspace? _workspace;
    private Solution? _solution;
    private LanguageVersion? _languageCap;
    private ProjectId[] _apps = [];

    public CompileLoop(WatchOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised with an app's output folder once every file of a build of it is written; handlers must be quick.</summary>
    public event Action<string>? OutputWritten;

    /// <summary>Raised after each round (the first is the start-up compile); handlers must be quick.</summary>
    public event Action<WatchCycle>? CycleCompleted;

    /// <summary>
    /// Opens the workspace (running <c>dotnet build</c> first for a project with no build output yet), brings every app's
    /// output up to date with its sources, then compiles on every change until cancelled.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watcher = new SourceChangeWatcher(CommonRoot(_options.Projects.Select(p => Path.GetDirectoryName(p)!)), _options.Debounce, _time);
        try
        {
            await OpenAsync(ensureBuilt: true, cancellationToken).ConfigureAwait(false);
            var root = WatchedRoot();
            if (root is not null && !string.Equals(root, CommonRoot(_options.Projects.Select(p => Path.GetDirectoryName(p)!)), StringComparison.Ordinal))
            {
                // A referenced project lives outside the apps' common folder: watch the folder holding all of them.
                watcher.Dispose();
                watcher = new SourceChangeWatcher(root, _options.Debounce, _time);
            }

            await CompileAppsAsync(StartTrigger, _apps, new HashSet<ProjectId>(), cancellationToken).ConfigureAwait(false);
            await foreach (var batch in watcher.Batches.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var trigger = string.Join(", ", batch.Order(StringComparer.Ordinal));
                try
                {
                    await HandleAsync(batch, trigger, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    WatchLog.CycleFailed(_logger, ex, trigger);
                }
            }
        }
        finally
        {
            watcher.Dispose();
        }
    }

    public void Dispose() => _workspace?.Dispose();

    private async Task HandleAsync(IReadOnlyCollection<string> batch, string trigger, CancellationToken cancellationToken)
    {
        if (_solution is null)
        {
            // The last open failed (a broken project file): any change may fix it.
            await FallbackAsync($"{trigger} changed", _options.Projects, cancellationToken).ConfigureAwait(false);
            return;
        }

        var edits = new List<(DocumentId Id, string Path)>();
        string? structural = null;
        var structuralProjects = new HashSet<ProjectId>();
        var everything = false;
        foreach (var path in batch)
        {
            var owners = _solution.Projects.Where(p => p.FilePath is { } file && path.StartsWith(Path.GetDirectoryName(file) + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToArray();
            if (Directory.Exists(path))
            {
                structural ??= $"The file watcher lost events under {path}";
                everything = true;
                continue;
            }

            if (path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                var documents = _solution.GetDocumentIdsWithFilePath(path);
                var exists = File.Exists(path);
                if (documents.Length > 0 && exists)
                {
                    edits.AddRange(documents.Select(id => (id, path)));
                    continue;
                }

                if (documents.Length == 0 && (!exists || owners.Length == 0))
                {
                    // A temporary file of an editor, or a file of no project.
                    continue;
                }

                structural ??= exists ? $"{path} was added" : $"{path} was removed";
            }
            else
            {
                structural ??= $"{path} changed";
            }

            if (owners.Length == 0)
            {
                everything = true;
            }

            structuralProjects.UnionWith(owners.Select(p => p.Id));
        }

        if (structural is not null)
        {
            var graph = _solution.GetProjectDependencyGraph();
            var affected = everything
                ? _apps
                : _apps.Where(app => structuralProjects.Contains(app) || graph.GetProjectsThatThisProjectTransitivelyDependsOn(app).Any(structuralProjects.Contains)).ToArray();
            var paths = affected.Select(id => _solution.GetProject(id)!.FilePath!).Distinct(StringComparer.Ordinal).ToArray();
            await FallbackAsync(structural, paths.Length > 0 ? paths : _options.Projects, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (edits.Count > 0)
        {
            var solution = _solution;
            foreach (var (id, path) in edits)
            {
                var old = await solution.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                solution = solution.WithDocumentText(id, await ReadTextAsync(path, old, cancellationToken).ConfigureAwait(false), PreservationMode.PreserveIdentity);
            }

            _solution = solution;
            var changed = edits.Select(e => e.Id.ProjectId).ToHashSet();
            var graph = solution.GetProjectDependencyGraph();
            var apps = _apps.Where(app => changed.Contains(app) || graph.GetProjectsThatThisProjectTransitivelyDependsOn(app).Any(changed.Contains)).ToArray();
            await CompileAppsAsync(trigger, apps, changed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads a saved file the way the workspace loaded it: bytes through a stream, so the checksum is over the file's
    /// real bytes (a string would hash a BOM the file does not have), with the document's encoding and hash algorithm.
    /// A file still held by the editor is retried a few times.
    /// </summary>
    private static async Task<SourceText> ReadTextAsync(string path, SourceText old, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return SourceText.From(stream, old.Encoding, old.ChecksumAlgorithm, throwIfBinaryDetected: false, canBeEmbedded: true);
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>
    /// Compiles <paramref name="apps"/> and the projects among their dependencies that changed, and writes each app
    /// whose whole set compiled without errors.
    /// </summary>
    private async Task CompileAppsAsync(string trigger, IReadOnlyList<ProjectId> apps, IReadOnlySet<ProjectId> changed, CancellationToken cancellationToken)
    {
        if (_solution is not { } solution)
        {
            return;
        }

        var graph = solution.GetProjectDependencyGraph();
        var compilations = new Dictionary<ProjectId, Task<CompiledProject>>();
        Task<CompiledProject> Compile(ProjectId id, EmitTemplate template)
        {
            lock (compilations)
            {
                if (!compilations.TryGetValue(id, out var task))
                {
                    task = Task.Run(() => _compiler.CompileAsync(solution.GetProject(id)!, template, cancellationToken), cancellationToken);
                    compilations[id] = task;
                }

                return task;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(apps.Select(async app =>
        {
            var project = solution.GetProject(app)!;
            var outputDirectory = Path.GetDirectoryName(project.OutputFilePath)!;
            // At start every dependency is compiled (its copy may be stale); later only the changed ones. Each is
            // written only where the build copied it (a copy-local reference).
            var dependencies = graph.GetProjectsThatThisProjectTransitivelyDependsOn(app)
                .Where(id => trigger == StartTrigger || changed.Contains(id))
                .Select(id => solution.GetProject(id)!)
                .Where(d => File.Exists(Path.Combine(outputDirectory, d.AssemblyName + ".dll")))
                .OrderBy(d => d.AssemblyName, StringComparer.Ordinal)
                .Select(d => (Project: d, Template: EmitTemplate.Read(Path.Combine(outputDirectory, d.AssemblyName + ".dll"))))
                .Append((Project: project, Template: EmitTemplate.Read(project.OutputFilePath!)))
                .ToArray();
            if (dependencies.FirstOrDefault(d => d.Template is null || d.Template.HasManifestResources) is { Project: not null } unmodelled)
            {
                // Embedded resources are not modelled by the workspace (and a missing output has no emit settings to
                // mirror): such an app goes through dotnet build on every change.
                var reason = unmodelled.Template is null ? $"{unmodelled.Project.Name} has no build output" : $"{unmodelled.Project.Name} embeds resources";
                WatchLog.FallingBack(_logger, reason, project.Name);
                return (Project: project, OutputDirectory: outputDirectory, Results: (CompiledProject[]?)null, Built: await RunBuildAsync(project.FilePath!, cancellationToken).ConfigureAwait(false));
            }

            var results = await Task.WhenAll(dependencies.Select(d => Compile(d.Project.Id, d.Template!))).ConfigureAwait(false);
            // At start an output newer than every source it is built from is kept (compiling it only warmed the
            // workspace up): rewriting it would reload the app for nothing.
            var upToDate = trigger == StartTrigger && IsUpToDate(project.OutputFilePath!, dependencies.Select(d => d.Project));
            return (Project: project, OutputDirectory: outputDirectory, Results: upToDate ? [] : results, Built: false);
        })).ConfigureAwait(false);

        var reported = new HashSet<ProjectId>();
        var written = new List<string>();
        var failed = new List<string>();
        foreach (var (project, outputDirectory, results, built) in outcomes)
        {
            if (results is null)
            {
                if (built)
                {
                    written.Add(outputDirectory);
                    OutputWritten?.Invoke(outputDirectory);
                }
                else
                {
                    failed.Add(project.Name);
                }

                continue;
            }

            foreach (var result in results.Where(r => reported.Add(r.Project.Id)))
            {
                Report(result);
            }

            if (results.Any(r => !r.Succeeded))
            {
                failed.Add(project.Name);
                continue;
            }

            var files = new List<string>();
            foreach (var result in results)
            {
                // The PDB before its DLL, dependencies before the app: the app's DLL is the last file written.
                var dll = Path.Combine(outputDirectory, result.AssemblyFileName);
                var pdb = Path.ChangeExtension(dll, ".pdb");
                if (result.Pdb is not null && OutputWriter.WriteIfChanged(pdb, result.Pdb))
                {
                    files.Add(Path.GetFileName(pdb));
                }

                if (OutputWriter.WriteIfChanged(dll, result.Assembly!))
                {
                    files.Add(result.AssemblyFileName);
                }
            }

            if (files.Count == 0 && results.Length == 0)
            {
                continue;
            }

            if (files.Count == 0)
            {
                WatchLog.Unchanged(_logger, project.Name, stopwatch.ElapsedMilliseconds);
                continue;
            }

            WatchLog.Wrote(_logger, project.Name, stopwatch.ElapsedMilliseconds, string.Join(", ", files));
            written.Add(outputDirectory);
            OutputWritten?.Invoke(outputDirectory);
        }

        CycleCompleted?.Invoke(new WatchCycle(trigger, written, failed, null));
    }

    private void Report(CompiledProject result)
    {
        var suffix = $" [{result.Project.FilePath}]";
        foreach (var diagnostic in result.Diagnostics)
        {
            var line = Format(diagnostic) + suffix;
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                WatchLog.CompilerError(_logger, line);
            }
            else
            {
                WatchLog.CompilerWarning(_logger, line);
            }
        }

        if (!result.Succeeded)
        {
            WatchLog.BuildFailed(_logger, result.Project.Name, result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
        }
    }

    /// <summary>The compiler's own format: <c>path(line,col): error CS1002: ; expected</c>.</summary>
    private static string Format(Diagnostic diagnostic) => DiagnosticFormatter.Format(diagnostic, CultureInfo.InvariantCulture);

    private static readonly DiagnosticFormatter DiagnosticFormatter = new();

    /// <summary>Runs <c>dotnet build</c> for <paramref name="projects"/> (saying so in one line), then reopens the workspace.</summary>
    private async Task FallbackAsync(string reason, IReadOnlyList<string> projects, CancellationToken cancellationToken)
    {
        WatchLog.FallingBack(_logger, reason, string.Join(", ", projects.Select(Path.GetFileNameWithoutExtension)));
        var written = new List<string>();
        var failed = new List<string>();
        foreach (var project in projects)
        {
            if (await RunBuildAsync(project, cancellationToken).ConfigureAwait(false))
            {
                written.Add(project);
            }
            else
            {
                failed.Add(Path.GetFileNameWithoutExtension(project));
            }
        }

        await OpenAsync(ensureBuilt: false, cancellationToken).ConfigureAwait(false);
        var outputs = new List<string>();
        foreach (var project in written)
        {
            if (_solution?.Projects.FirstOrDefault(p => string.Equals(p.FilePath, project, StringComparison.Ordinal))?.OutputFilePath is { } output)
            {
                outputs.Add(Path.GetDirectoryName(output)!);
                OutputWritten?.Invoke(Path.GetDirectoryName(output)!);
            }
        }

        CycleCompleted?.Invoke(new WatchCycle(reason, outputs, failed, reason));
    }

    private async Task<bool> RunBuildAsync(string project, CancellationToken cancellationToken)
    {
        var ok = await DotnetBuild.RunAsync(_options.DotnetPath, project, line => WatchLog.BuildOutput(_logger, line), cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            WatchLog.FallbackFailed(_logger, Path.GetFileNameWithoutExtension(project));
        }

        return ok;
    }

    /// <summary>
    /// (Re)opens every app project (and the projects they reference) in a fresh workspace. With
    /// <paramref name="ensureBuilt"/>, an app with no build output yet is built with <c>dotnet build</c> first.
    /// </summary>
    private async Task OpenAsync(bool ensureBuilt, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        _workspace?.Dispose();
        _workspace = null;
        _solution = null;
        _apps = [];
        _compiler.Reset();
        var workspace = MSBuildWorkspace.Create();
        try
        {
            // A project another one references is already open (with it).
            foreach (var path in _options.Projects.Where(path => !workspace.CurrentSolution.Projects.Any(p => string.Equals(p.FilePath, path, StringComparison.Ordinal))))
            {
                await workspace.OpenProjectAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WatchLog.OpenFailed(_logger, string.Join(", ", _options.Projects), ex.Message.TrimEnd('.'));
            workspace.Dispose();
            return;
        }

        foreach (var diagnostic in workspace.Diagnostics.Where(d => d.Kind == WorkspaceDiagnosticKind.Failure))
        {
            WatchLog.WorkspaceDiagnostic(_logger, diagnostic.Message);
        }

        var solution = workspace.CurrentSolution;
        _languageCap ??= await SdkLanguageVersion.FindAsync(cancellationToken).ConfigureAwait(false);
        if (_languageCap is { } cap)
        {
            solution = SdkLanguageVersion.Apply(solution, cap);
        }

        var given = solution.Projects.Where(p => _options.Projects.Contains(p.FilePath, StringComparer.Ordinal)).ToArray();
        var apps = given.Where(IsApp).ToArray();
        foreach (var other in given.Except(apps))
        {
            WatchLog.NotAnApp(_logger, other.Name, Path.GetDirectoryName(other.OutputFilePath) ?? "(none)", _options.PluginsPath!);
        }

        if (apps.Length == 0)
        {
            WatchLog.NoApps(_logger, string.Join(", ", _options.Projects), _options.PluginsPath ?? "(any)");
        }

        var unbuilt = apps.Where(p => p.OutputFilePath is null || !File.Exists(p.OutputFilePath)).Select(p => p.FilePath!).Distinct(StringComparer.Ordinal).ToArray();
        if (ensureBuilt && unbuilt.Length > 0)
        {
            workspace.Dispose();
            WatchLog.FallingBack(_logger, "No build output yet", string.Join(", ", unbuilt.Select(Path.GetFileNameWithoutExtension)));
            foreach (var project in unbuilt)
            {
                await RunBuildAsync(project, cancellationToken).ConfigureAwait(false);
            }

            await OpenAsync(ensureBuilt: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        _workspace = workspace;
        _solution = solution;
        _apps = apps.Select(p => p.Id).ToArray();
        WatchLog.Watching(_logger, apps.Length, string.Join(", ", apps.Select(p => p.Name)), stopwatch.ElapsedMilliseconds);
    }

    /// <summary>Whether <paramref name="output"/> was written after every source and project file of <paramref name="projects"/>.</summary>
    private static bool IsUpToDate(string output, IEnumerable<Project> projects)
    {
        var built = File.GetLastWriteTimeUtc(output);
        return projects
            .SelectMany(p => p.Documents.Select(d => d.FilePath).Append(p.FilePath))
            .OfType<string>()
            .Where(File.Exists)
            .All(path => File.GetLastWriteTimeUtc(path) <= built);
    }

    /// <summary>An app builds into a folder of the plugins folder (the host loads nothing else).</summary>
    private bool IsApp(Project project)
        => _options.PluginsPath is null
            || (project.OutputFilePath is { } output
                && string.Equals(Path.GetDirectoryName(Path.GetDirectoryName(output)), Path.GetFullPath(_options.PluginsPath).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal));

    private string? WatchedRoot()
        => _solution is null ? null : CommonRoot(_solution.Projects.Select(p => Path.GetDirectoryName(p.FilePath!)!));

    /// <summary>The deepest folder holding all of <paramref name="directories"/>.</summary>
    private static string CommonRoot(IEnumerable<string> directories)
    {
        string? root = null;
        foreach (var directory in directories.Select(Path.GetFullPath))
        {
            root = root is null ? directory : Common(root, directory);
        }

        return root ?? Directory.GetCurrentDirectory();

        static string Common(string a, string b)
        {
            while (!(b + Path.DirectorySeparatorChar).StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                a = Path.GetDirectoryName(a) ?? a;
                if (a.Length <= 1)
                {
                    return a;
                }
            }

            return a;
        }
    }
}
