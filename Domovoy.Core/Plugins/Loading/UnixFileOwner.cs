using System.Runtime.InteropServices;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// Who owns a file, and who we are, on Unix. .NET exposes a file's mode but not its owner, so this calls Linux
/// <c>statx(2)</c>, whose <c>struct statx</c> has one layout on every architecture (linux/stat.h: stx_uid is the u32 at
/// byte 20), and <c>geteuid(2)</c>.
/// </summary>
internal static class UnixFileOwner
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxUid = 0x8;
    private const int StatxUidOffset = 20;
    private const int StatxSize = 256;

    /// <summary>The effective user id of this process.</summary>
    public static uint CurrentUserId => geteuid();

    /// <summary>
    /// The owner's user id of <paramref name="path"/> (not following a final symlink); null where statx is not available
    /// (not Linux, or a C library older than glibc 2.28 / musl 1.2.5).
    /// </summary>
    /// <exception cref="IOException">The path cannot be examined (e.g. it does not exist).</exception>
    public static uint? OwnerOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        int result;
        try
        {
            result = statx(AtFdCwd, path, AtSymlinkNoFollow, StatxUid, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        if (result != 0)
        {
            throw new IOException($"Cannot examine '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return BitConverter.ToUInt32(buffer, StatxUidOffset);
    }

    // DllImport rather than LibraryImport: the source-generated form needs unsafe code enabled for the whole assembly.
    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags, uint mask, [Out] byte[] statxbuf);
}
