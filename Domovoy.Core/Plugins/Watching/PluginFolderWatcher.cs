using System.Collections.Concurrent;
using System.Threading.Channels;
using Domovoy.Core.Plugins.Loading;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Plugins.Watching;

/// <summary>
/// One recursive watcher on the plugins folder (not one per plugin: inotify instances are scarce). File events are
/// mapped to the plugin folder they belong to and debounced per plugin; when a plugin has been quiet for the debounce
/// time its name is published to <see cref="Changes"/>. A watcher error or overflow publishes every plugin (a rescan).
/// </summary>
internal sealed class PluginFolderWatcher : IDisposable
{
    private readonly string _root;
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public PluginFolderWatcher(string root, TimeSpan debounce, TimeProvider time, ILogger logger)
    {
        _root = Path.GetFullPath(root);
        _debounce = debounce;
        _time = time;
        _logger = logger;
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, e) => OnPath(e.FullPath);
        _watcher.Changed += (_, e) => OnPath(e.FullPath);
        _watcher.Deleted += (_, e) => OnPath(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            OnPath(e.OldFullPath);
            OnPath(e.FullPath);
        };
        _watcher.Error += (_, e) =>
        {
            _logger.LogWarning(e.GetException(), "The plugins folder watcher reported an error (e.g. an event overflow); rescanning every plugin.");
            RequestRescan();
        };
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Names of plugins whose folder changed and has been quiet for the debounce time.</summary>
    public ChannelReader<string> Changes => _changes.Reader;

    /// <summary>Publishes every plugin folder (present now or known before) for a check.</summary>
    public void RequestRescan()
    {
        foreach (var directory in Directory.Exists(_root) ? Directory.GetDirectories(_root) : [])
        {
            _changes.Writer.TryWrite(Path.GetFileName(directory));
        }

        _changes.Writer.TryWrite(RescanMarker);
    }

    /// <summary>Published after a rescan's plugin names, so the consumer can also drop plugins whose folder is gone.</summary>
    public const string RescanMarker = "\0rescan";

    public void Dispose()
    {
        _watcher.Dispose();
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _changes.Writer.TryComplete();
    }

    private void OnPath(string fullPath)
    {
        var relative = Path.GetRelativePath(_root, fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return;
        }

        var separator = relative.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        var plugin = separator < 0 ? relative : relative[..separator];
        var isFolderItself = separator < 0;
        if (plugin.Length == 0 || plugin.StartsWith('.') || (!isFolderItself && !PluginFiles.IsRelevant(fullPath)))
        {
            return;
        }

        if (isFolderItself && File.Exists(fullPath))
        {
            // A file directly in the plugins folder belongs to no plugin.
            return;
        }

        Touch(plugin);
    }

    /// <summary>(Re)starts the plugin's debounce: it is published once it has been quiet for the debounce time.</summary>
    public void Touch(string plugin)
    {
        var timer = _timers.GetOrAdd(plugin, name => _time.CreateTimer(_ => Publish(name), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(_debounce, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Publishes the plugin now (a writer reported it complete), cancelling its pending debounce.</summary>
    public void PublishNow(string plugin)
    {
        if (_timers.TryGetValue(plugin, out var timer))
        {
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        Publish(plugin);
    }

    private void Publish(string plugin) => _changes.Writer.TryWrite(plugin);
}
