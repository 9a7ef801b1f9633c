using System.Threading.Channels;

namespace Domovoy.Core.Plugins.Watching;

/// <summary>
/// An in-process writer's notice that it finished writing a plugin folder (<c>domovoy watch</c> writes every file of a
/// build atomically, so there is nothing to wait out). The plugin manager checks that plugin at once instead of after
/// the build debounce; everything else (shadow copy, readiness check, fingerprint, transaction, rollback) is the same
/// path as a change seen on disk. Notices for folders outside the plugins folder are ignored.
/// </summary>
internal sealed class PluginWriteSignal
{
    private readonly Channel<string> _written = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Reports that every file of <paramref name="pluginDirectory"/> (a folder in the plugins folder) is written.</summary>
    public void Written(string pluginDirectory) => _written.Writer.TryWrite(Path.GetFullPath(pluginDirectory).TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>Full paths of written plugin folders, in the order reported.</summary>
    public ChannelReader<string> Folders => _written.Reader;
}
