namespace Domovoy.Watch.Compiling;

/// <summary>
/// Writes compiled files into a plugin folder so a reader never sees a half-written file: each file goes to a hidden
/// temporary name in the same folder and is renamed over the old one (atomic on one file system). Files whose bytes are
/// already on disk are not touched, so identical output never looks like a change.
/// </summary>
internal static class OutputWriter
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; false when the file already held them.</summary>
    /// <exception cref="IOException">The folder is not writable or the rename failed.</exception>
    public static bool WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.watch-tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
