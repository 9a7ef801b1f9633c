using System.Security.Cryptography;
using System.Text;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// Content hashes of a plugin folder's relevant files. A <c>touch</c> or a rebuild that writes identical bytes yields
/// the same fingerprint, so it causes no reload.
/// </summary>
internal sealed class PluginFingerprint
{
    private PluginFingerprint(IReadOnlyDictionary<string, string> fileHashes, string combined)
    {
        FileHashes = fileHashes;
        Combined = combined;
    }

    /// <summary>Relative path → SHA-256 (hex).</summary>
    public IReadOnlyDictionary<string, string> FileHashes { get; }

    public string Combined { get; }

    public static async Task<PluginFingerprint> ComputeAsync(string pluginDirectory, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            hashes[Path.GetRelativePath(pluginDirectory, file)] = Convert.ToHexString(hash);
        }

        var combined = new StringBuilder();
        foreach (var (path, hash) in hashes)
        {
            combined.Append(path).Append('=').Append(hash).Append('\n');
        }

        return new PluginFingerprint(hashes, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(combined.ToString()))));
    }

    /// <summary>Relative paths added, removed or changed compared with <paramref name="previous"/>.</summary>
    public IEnumerable<string> ChangedSince(PluginFingerprint? previous)
    {
        if (previous is null)
        {
            return FileHashes.Keys;
        }

        return FileHashes.Where(f => !previous.FileHashes.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key)
            .Concat(previous.FileHashes.Keys.Where(k => !FileHashes.ContainsKey(k)))
            .Order(StringComparer.Ordinal);
    }
}
