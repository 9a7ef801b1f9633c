using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// The folder this host instance shadow-copies plugin versions into: <c>&lt;root&gt;/instance-&lt;id&gt;/</c> under a root
/// private to the user (owned by them, mode 0700, never a symlink), so no other local user can swap a plugin's files
/// between the content check and the load. The instance folder holds a <c>.lock</c> file opened with
/// <see cref="FileShare.None"/> for the instance's lifetime; at start, instance folders whose lock nobody holds (their
/// host crashed or was killed) are removed.
/// </summary>
internal sealed class ShadowRoot : IDisposable
{
    private const string InstancePrefix = "instance-";
    private const string LockFileName = ".lock";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Permissions = (UnixFileMode)0b111_111_111;

    private readonly FileStream _lock;

    private ShadowRoot(string root, string instanceDirectory, FileStream lockFile)
    {
        Root = root;
        InstanceDirectory = instanceDirectory;
        _lock = lockFile;
    }

    /// <summary>The per-user root (absolute).</summary>
    public string Root { get; }

    /// <summary>This instance's folder under <see cref="Root"/>; removed on <see cref="Dispose"/>.</summary>
    public string InstanceDirectory { get; }

    /// <summary>
    /// The default root: <c>$XDG_CACHE_HOME/domovoy/shadow</c>, else <c>~/.cache/domovoy/shadow</c>; on Windows
    /// <c>%TEMP%\domovoy\shadow</c> (a per-user folder). Null when there is no home folder.
    /// </summary>
    public static string? DefaultPath()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Path.GetTempPath(), "domovoy", "shadow");
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !Path.IsPathRooted(cache))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            cache = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
        }

        return cache is null ? null : Path.Combine(cache, "domovoy", "shadow");
    }

    /// <summary>The root used when the default one cannot be created: <c>&lt;temp&gt;/domovoy-shadow-&lt;uid&gt;</c>, verified like any other.</summary>
    public static string TempFallbackPath()
        => Path.Combine(Path.GetTempPath(), OperatingSystem.IsWindows() ? "domovoy-shadow" : $"domovoy-shadow-{UnixFileOwner.CurrentUserId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Makes sure the root is private, removes crashed instances' folders and creates this instance's folder and lock.
    /// </summary>
    /// <param name="configuredRoot">An explicit root (DomovoyOptions.ShadowPath), or null for <see cref="DefaultPath"/>.</param>
    /// <param name="logger">Receives the clean-up and permission messages.</param>
    /// <exception cref="ShadowRootException">The root is a symlink, owned by another user, or its mode cannot be made 0700.</exception>
    /// <exception cref="IOException">The root cannot be created.</exception>
    public static ShadowRoot Open(string? configuredRoot, ILogger logger)
    {
        var root = configuredRoot is not null ? Path.GetFullPath(configuredRoot) : OpenDefault(logger);
        if (configuredRoot is not null)
        {
            EnsurePrivate(root, logger);
        }

        RemoveStaleInstances(root, logger);
        return CreateInstance(root, logger);
    }

    /// <summary>Removes this instance's folder, then releases its lock.</summary>
    public void Dispose()
    {
        ShadowCopier.TryDelete(InstanceDirectory);
        _lock.Dispose();

        // Where an open file cannot be deleted (Windows), the lock file is left until now.
        ShadowCopier.TryDelete(InstanceDirectory);
    }

    private static string OpenDefault(ILogger logger)
    {
        var preferred = DefaultPath();
        if (preferred is not null)
        {
            try
            {
                EnsurePrivate(preferred, logger);
                return preferred;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ShadowLog.DefaultRootUnusable(logger, preferred, ex.Message, TempFallbackPath());
            }
        }

        var fallback = TempFallbackPath();
        EnsurePrivate(fallback, logger);
        return fallback;
    }

    /// <summary>Creates the folder with mode 0700, or checks an existing one: a real directory, ours, mode 0700 (tightened if looser).</summary>
    private static void EnsurePrivate(string root, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
            return;
        }

        var info = new DirectoryInfo(root);
        if (info.LinkTarget is not null)
        {
            throw Refuse(root, $"is a symbolic link (to {info.LinkTarget})");
        }

        if (!info.Exists)
        {
            Directory.CreateDirectory(root, Private);
        }

        var me = UnixFileOwner.CurrentUserId;
        if (UnixFileOwner.OwnerOf(root) is { } owner && owner != me)
        {
            throw Refuse(root, $"is owned by user id {owner}, not by the user running the host (id {me})");
        }

        var mode = File.GetUnixFileMode(root) & Permissions;
        if (mode != Private)
        {
            try
            {
                // Only the owner (or root) may change the mode: this is also the ownership check where statx is missing.
                File.SetUnixFileMode(root, Private);
            }
            catch (UnauthorizedAccessException)
            {
                throw Refuse(root, $"has mode {Octal(mode)} and belongs to another user");
            }

            ShadowLog.RootTightened(logger, root, Octal(mode));
        }
    }

    private static ShadowRootException Refuse(string root, string problem)
        => new($"The shadow copy folder '{root}' {problem}. Another local user could swap plugin files in it between the content check and the load, so the host does not use it. Remove the folder (it only holds temporary copies) or run the host as the user that owns it.");

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);

    /// <summary>Removes instance folders whose lock nobody holds, and empty ones that never got a lock.</summary>
    private static void RemoveStaleInstances(string root, ILogger logger)
    {
        var removed = 0;
        foreach (var directory in Directory.EnumerateDirectories(root, InstancePrefix + "*"))
        {
            var lockPath = Path.Combine(directory, LockFileName);
            if (!File.Exists(lockPath))
            {
                // Empty: its host died between creating it and its lock (or another host is in that step and retries).
                // Not empty and without a lock: not made by this scheme, so left alone.
                removed += TryDeleteEmpty(directory) ? 1 : 0;
                continue;
            }

            try
            {
                new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Held: a live host instance (or gone meanwhile).
                continue;
            }

            ShadowCopier.TryDelete(directory);
            removed += Directory.Exists(directory) ? 0 : 1;
        }

        if (removed > 0)
        {
            ShadowLog.StaleInstancesRemoved(logger, removed, root);
        }
    }

    private static bool TryDeleteEmpty(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static ShadowRoot CreateInstance(string root, ILogger logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            var directory = Path.Combine(root, InstancePrefix + Guid.NewGuid().ToString("N"));
            try
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, Private);
                }

                var lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                using (var writer = new StreamWriter(lockFile, leaveOpen: true))
                {
                    // For whoever looks: which process holds it.
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}\n"));
                }

                lockFile.Flush();
                ShadowLog.InstanceCreated(logger, directory);
                return new ShadowRoot(root, directory, lockFile);
            }
            catch (IOException) when (attempt < 5)
            {
                // Another host starting at the same moment removed the folder as lockless and empty; take a new one.
            }
        }
    }
}
