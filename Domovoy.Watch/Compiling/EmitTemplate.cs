using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Microsoft.CodeAnalysis.Emit;

namespace Domovoy.Watch.Compiling;

/// <summary>
/// The emit settings csc used for a project, read back from the assembly <c>dotnet build</c> wrote: the workspace models
/// compilation and parse options but not csc's emit switches (<c>/debug</c> kind, <c>/pdb</c> path,
/// <c>/highentropyva</c>, the default version resource), and its defaults differ from csc's.
/// </summary>
internal sealed record EmitTemplate(EmitOptions Options, bool SeparatePdb, bool VersionResource, bool HasManifestResources)
{
    /// <summary>Reads the template from a built assembly; null when <paramref name="assemblyPath"/> does not exist.</summary>
    /// <exception cref="BadImageFormatException">The file is not a readable PE image.</exception>
    public static EmitTemplate? Read(string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            return null;
        }

        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var header = pe.PEHeaders.PEHeader ?? throw new BadImageFormatException($"{assemblyPath} has no PE header.");
        var debug = pe.ReadDebugDirectory();
        var embedded = debug.Any(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        var codeView = debug.Where(e => e.Type == DebugDirectoryEntryType.CodeView).Select(e => pe.ReadCodeViewDebugDirectoryData(e).Path).FirstOrDefault();
        var options = new EmitOptions()
            .WithHighEntropyVirtualAddressSpace((header.DllCharacteristics & DllCharacteristics.HighEntropyVirtualAddressSpace) != 0)
            .WithPdbChecksumAlgorithm(HashAlgorithmName.SHA256);
        if (codeView is not null)
        {
            options = options
                .WithDebugInformationFormat(embedded ? DebugInformationFormat.Embedded : DebugInformationFormat.PortablePdb)
                .WithPdbFilePath(codeView);
        }

        return new EmitTemplate(
            options,
            SeparatePdb: codeView is not null && !embedded,
            VersionResource: header.ResourceTableDirectory.Size > 0,
            HasManifestResources: pe.GetMetadataReader().ManifestResources.Count > 0);
    }
}
