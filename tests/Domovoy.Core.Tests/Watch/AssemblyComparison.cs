using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Domovoy.Core.Tests.Watch;

/// <summary>Compares two assemblies' IL and metadata with System.Reflection.Metadata, ignoring only hash-derived ids.</summary>
internal static class AssemblyComparison
{
    /// <summary>
    /// Asserts the metadata blocks are byte-identical except the module's MVID (a hash of the content, which includes the
    /// PDB's id), every method body's IL, max stack, locals and exception regions are identical, and the PE settings
    /// csc chooses (DLL characteristics, subsystem version, Win32 resource size, COR flags) match.
    /// </summary>
    public static void AssertSameIlAndMetadata(byte[] expected, byte[] actual, string what)
    {
        using var left = new PEReader(ImmutableArray.Create(expected));
        using var right = new PEReader(ImmutableArray.Create(actual));
        var l = left.GetMetadataReader();
        var r = right.GetMetadataReader();

        var lh = left.PEHeaders;
        var rh = right.PEHeaders;
        Assert.AreEqual(lh.PEHeader!.DllCharacteristics, rh.PEHeader!.DllCharacteristics, $"{what}: DLL characteristics (/highentropyva)");
        Assert.AreEqual(lh.PEHeader.MajorSubsystemVersion, rh.PEHeader.MajorSubsystemVersion, $"{what}: subsystem version");
        Assert.AreEqual(lh.PEHeader.ResourceTableDirectory.Size, rh.PEHeader.ResourceTableDirectory.Size, $"{what}: Win32 (version) resource");
        Assert.AreEqual(lh.CorHeader!.Flags, rh.CorHeader!.Flags, $"{what}: COR flags");

        var leftBlock = WithoutMvid(left, l);
        var rightBlock = WithoutMvid(right, r);
        Assert.AreEqual(leftBlock.Length, rightBlock.Length, $"{what}: metadata size");
        var firstDifference = leftBlock.AsSpan().CommonPrefixLength(rightBlock);
        Assert.AreEqual(leftBlock.Length, firstDifference, $"{what}: metadata differs at offset {firstDifference} (of {leftBlock.Length})");

        var methods = 0;
        foreach (var handle in l.MethodDefinitions)
        {
            var lm = l.GetMethodDefinition(handle);
            var rm = r.GetMethodDefinition(handle);
            Assert.AreEqual(lm.RelativeVirtualAddress, rm.RelativeVirtualAddress, $"{what}: RVA of {l.GetString(lm.Name)}");
            if (lm.RelativeVirtualAddress == 0)
            {
                continue;
            }

            var lb = left.GetMethodBody(lm.RelativeVirtualAddress);
            var rb = right.GetMethodBody(rm.RelativeVirtualAddress);
            var name = $"{what}: {l.GetString(l.GetTypeDefinition(lm.GetDeclaringType()).Name)}.{l.GetString(lm.Name)}";
            CollectionAssert.AreEqual(lb.GetILBytes(), rb.GetILBytes(), $"{name}: IL");
            Assert.AreEqual(lb.MaxStack, rb.MaxStack, $"{name}: max stack");
            Assert.AreEqual(lb.LocalSignature, rb.LocalSignature, $"{name}: locals");
            Assert.AreEqual(lb.ExceptionRegions.Length, rb.ExceptionRegions.Length, $"{name}: exception regions");
            methods++;
        }

        Assert.IsGreaterThan(0, methods, $"{what}: no method bodies compared");
    }

    private static byte[] WithoutMvid(PEReader pe, MetadataReader reader)
    {
        var block = pe.GetMetadata().GetContent().ToArray();
        var mvid = reader.GetModuleDefinition().Mvid;
        var offset = reader.GetHeapMetadataOffset(HeapIndex.Guid) + ((MetadataTokens.GetHeapOffset(mvid) - 1) * 16);
        Array.Clear(block, offset, 16);
        return block;
    }
}
