using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// Tells whether a plugin folder is completely written: every DLL is a whole PE image (all sections inside the file;
/// native DLLs included) and every .deps.json is valid JSON. Builds write files in place, so a folder is often caught mid-write.
/// </summary>
internal static class PluginFileChecker
{
    /// <summary>Null when the folder is complete; otherwise the first incomplete file (relative to <paramref name="root"/>) and why.</summary>
    public static (string RelativePath, string Reason)? FindIncompleteFile(string root, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            var problem = file.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) ? CheckJson(file) : CheckPe(file);
            if (problem is not null)
            {
                return (Path.GetRelativePath(root, file), problem);
            }
        }

        return null;
    }

    private static string? CheckPe(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = stream.Length;
            using var reader = new PEReader(stream, PEStreamOptions.LeaveOpen);
            var headers = reader.PEHeaders;
            foreach (var section in headers.SectionHeaders)
            {
                if ((long)section.PointerToRawData + section.SizeOfRawData > length)
                {
                    return $"truncated (section {section.Name} ends past the end of the {length}-byte file)";
                }
            }

            // A whole PE image without metadata is a native library (e.g. a NuGet package's runtimes/<rid>/native/*.dll):
            // complete, and never loaded as an assembly.
            return null;
        }
        catch (BadImageFormatException ex)
        {
            return $"an incomplete (truncated or still being written) or invalid PE image ({ex.Message})";
        }
        catch (IOException ex)
        {
            return $"cannot be read ({ex.Message})";
        }
        catch (UnauthorizedAccessException ex)
        {
            return $"cannot be read ({ex.Message})";
        }
    }

    private static string? CheckJson(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var _ = JsonDocument.Parse(stream);
            return null;
        }
        catch (JsonException ex)
        {
            return $"not valid JSON ({ex.Message})";
        }
        catch (IOException ex)
        {
            return $"cannot be read ({ex.Message})";
        }
    }
}
