using System.Threading.Channels;

namespace Domovoy.Watch.Sources;

/// <summary>
/// Watches the app projects' sources and build files: one recursive watcher on the folder holding every project, plus
/// one non-recursive watcher on each folder above it (for <c>Directory.*</c>, <c>global.json</c> and the like, which
/// MSBuild imports from parents). Changed paths are collected until nothing changed for the debounce time, then
/// published as one batch (an editor's save is several events: a temporary file, a rename, an attribute change).
/// Build output (<c>bin/</c>, <c>obj/</c>) and files that cannot affect a build are ignored.
/// </summary>
internal sealed class SourceChangeWatcher : IDisposable
{
    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".props", ".targets", ".resx", ".editorconfig", ".globalconfig", ".config"];
    private static readonly string[] BuildFileNames = ["global.json", "packages.lock.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "Directory.Build.rsp", ".editorconfig", "nuget.config", "NuGet.Config"];
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Channel<IReadOnlyCollection<string>> _batches = Channel.CreateUnbounded<IReadOnlyCollection<string>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ITimer _timer;
    private readonly TimeSpan _debounce;

    /// <param name="root">The folder holding every watched project (watched recursively).</param>
    /// <param name="debounce">How long changes must be quiet before a batch is published.</param>
    /// <param name="time">The clock for the debounce.</param>
    public SourceChangeWatcher(string root, TimeSpan debounce, TimeProvider time)
    {
        _debounce = debounce;
        _timer = time.CreateTimer(_ => Publish(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Add(root, recursive: true);
        for (var parent = Directory.GetParent(root); parent is not null; parent = parent.Parent)
        {
            Add(parent.FullName, recursive: false);
        }
    }

    /// <summary>Batches of changed file paths (absolute), each published once its changes were quiet for the debounce time.</summary>
    public ChannelReader<IReadOnlyCollection<string>> Batches => _batches.Reader;

    /// <summary>Whether a change to <paramref name="path"/> can change what a build produces.</summary>
    public static bool IsRelevant(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') && !name.Equals(".editorconfig", StringComparison.Ordinal))
        {
            return false;
        }

        var separator = Path.DirectorySeparatorChar;
        if (path.Contains($"{separator}bin{separator}", StringComparison.Ordinal) || path.Contains($"{separator}obj{separator}", StringComparison.Ordinal) || path.Contains($"{separator}.git{separator}", StringComparison.Ordinal))
        {
            return false;
        }

        return BuildFileNames.Contains(name, StringComparer.OrdinalIgnoreCase) || SourceExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
        _batches.Writer.TryComplete();
    }

    private void Add(string directory, bool recursive)
    {
        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = recursive,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Created += (_, e) => OnPath(e.FullPath, recursive);
            watcher.Changed += (_, e) => OnPath(e.FullPath, recursive);
            watcher.Deleted += (_, e) => OnPath(e.FullPath, recursive);
            watcher.Renamed += (_, e) =>
            {
                OnPath(e.OldFullPath, recursive);
                OnPath(e.FullPath, recursive);
            };
            // An overflow may have lost any change: report the root itself, which the consumer treats as "anything".
            watcher.Error += (_, _) => OnChange(directory);
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or ArgumentException)
        {
            // A parent folder that cannot be watched (permissions): its build files are not watched, nothing else lost.
        }
    }

    private void OnPath(string path, bool recursive)
    {
        var name = Path.GetFileName(path);
        if (recursive ? IsRelevant(path) : BuildFileNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            OnChange(path);
        }
    }

    private void OnChange(string path)
    {
        lock (_pending)
        {
            _pending.Add(path);
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Publish()
    {
        string[] batch;
        lock (_pending)
        {
            batch = [.. _pending];
            _pending.Clear();
        }

        if (batch.Length > 0)
        {
            _batches.Writer.TryWrite(batch);
        }
    }
}
