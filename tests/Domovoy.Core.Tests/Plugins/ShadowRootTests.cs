using Domovoy.Core.Plugins.Loading;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.Plugins;

/// <summary>
/// The shadow copy root is private to the user (owned by them, mode 0700), each host instance works in its own locked
/// folder, and folders of crashed instances are removed at the next start. Real folders, real locks, a real process
/// holding (and losing) a lock.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ShadowRootTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void A_new_root_is_created_private_and_the_instance_holds_its_lock_until_disposed()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "shadow");
        string instance;
        using (var shadow = ShadowRoot.Open(root, Logger(new LogSink())))
        {
            instance = shadow.InstanceDirectory;
            Assert.AreEqual(root, shadow.Root);
            Assert.AreEqual(root, Path.GetDirectoryName(instance));
            Assert.AreEqual(Private, File.GetUnixFileMode(root) & (UnixFileMode)0b111_111_111);
            Assert.AreEqual(UnixFileOwner.CurrentUserId, UnixFileOwner.OwnerOf(root));
            Assert.ThrowsExactly<IOException>(() => new FileStream(Path.Combine(instance, ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose(), "the lock is held");

            // A second instance on the same root gets its own folder and leaves the live one alone.
            using var second = ShadowRoot.Open(root, Logger(new LogSink()));
            Assert.AreNotEqual(instance, second.InstanceDirectory);
            Assert.IsTrue(Directory.Exists(instance));
        }

        Assert.IsFalse(Directory.Exists(instance), "a clean shutdown removes the instance folder");
        Assert.IsTrue(Directory.Exists(root));
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Folders_of_crashed_instances_are_removed_at_start_and_live_ones_are_kept()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "shadow");
        using (ShadowRoot.Open(root, Logger(new LogSink())))
        {
            // Creates the root; this instance shuts down cleanly.
        }

        // Another host instance, a real process: it holds its lock the way the host does (flock, which .NET's FileShare.None uses on Unix).
        var crashed = CreateInstanceFolder(root, "instance-crashed");
        var empty = Directory.CreateDirectory(Path.Combine(root, "instance-emptyleftover")).FullName;
        var foreign = Directory.CreateDirectory(Path.Combine(root, "not-an-instance")).FullName;
        File.WriteAllText(Path.Combine(foreign, "keep.txt"), "not ours to delete");
        var lockPath = Path.Combine(crashed, ".lock");
        var holder = ProcessOutput.Start("bash", ["-c", $"exec 9>>'{lockPath}' && flock -x -n 9 && echo locked && exec sleep 600"], root, new Dictionary<string, string>());
        try
        {
            await holder.WaitForLineAsync("locked", TimeSpan.FromSeconds(30));
            var logs = new LogSink();
            using (var whileAlive = ShadowRoot.Open(root, Logger(logs)))
            {
                Assert.IsTrue(Directory.Exists(crashed), "a live instance's folder is kept");
                Assert.IsFalse(Directory.Exists(empty), "an empty lockless instance folder is removed");
                Assert.IsTrue(File.Exists(Path.Combine(foreign, "keep.txt")));
            }
        }
        finally
        {
            holder.Dispose(); // SIGKILL: the host crashed, its lock is gone with it.
        }

        var after = new LogSink();
        using (ShadowRoot.Open(root, Logger(after)))
        {
            Assert.IsFalse(Directory.Exists(crashed), "the crashed instance's folder is removed at the next start");
            Assert.IsTrue(File.Exists(Path.Combine(foreign, "keep.txt")), "folders not made by the host are never touched");
            Assert.AreEqual(1, after.Count("Removed 1 shadow copy folder(s)"));
        }
    }

    [TestMethod]
    public void A_root_with_loose_permissions_is_tightened_to_0700()
    {
        using var temp = new TempFolder();
        var root = Directory.CreateDirectory(Path.Combine(temp.Path, "shadow")).FullName;
        File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
        var logs = new LogSink();
        using (ShadowRoot.Open(root, Logger(logs)))
        {
            Assert.AreEqual(Private, File.GetUnixFileMode(root) & (UnixFileMode)0b111_111_111);
        }

        Assert.AreEqual(1, logs.Count("had mode 0777"));
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task A_root_owned_by_another_user_or_a_symlink_is_refused()
    {
        using var temp = new TempFolder();
        var root = Directory.CreateDirectory(Path.Combine(temp.Path, "shadow")).FullName;
        var other = UnixFileOwner.CurrentUserId == 0 ? 65534u : 0u;
        if (UnixFileOwner.CurrentUserId == 0)
        {
            // Root can hand the folder to another user, as an attacker pre-creating it would own it.
            await ProcessOutput.RunAsync("chown", ["65534", root], temp.Path, new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
        }
        else
        {
            root = Path.GetTempPath(); // owned by root, like a folder another user created
        }

        var refused = Assert.ThrowsExactly<ShadowRootException>(() => ShadowRoot.Open(root, Logger(new LogSink())));
        StringAssert.Contains(refused.Message, $"is owned by user id {other}");
        StringAssert.Contains(refused.Message, root);
        StringAssert.Contains(refused.Message, "Remove the folder");

        var target = Directory.CreateDirectory(Path.Combine(temp.Path, "target")).FullName;
        var link = Path.Combine(temp.Path, "link");
        Directory.CreateSymbolicLink(link, target);
        var symlink = Assert.ThrowsExactly<ShadowRootException>(() => ShadowRoot.Open(link, Logger(new LogSink())));
        StringAssert.Contains(symlink.Message, "symbolic link");
    }

    [TestMethod]
    public void The_default_root_is_per_user_and_private()
    {
        var path = ShadowRoot.DefaultPath();
        Assert.IsNotNull(path);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        Assert.IsTrue(path.StartsWith(string.IsNullOrEmpty(cache) ? home : cache, StringComparison.Ordinal), path);
        StringAssert.EndsWith(path, Path.Combine("domovoy", "shadow"));
        StringAssert.Contains(ShadowRoot.TempFallbackPath(), $"domovoy-shadow-{UnixFileOwner.CurrentUserId}");

        using var shadow = ShadowRoot.Open(null, Logger(new LogSink()));
        Assert.AreEqual(path, shadow.Root);
        Assert.AreEqual(Private, File.GetUnixFileMode(shadow.Root) & (UnixFileMode)0b111_111_111);
        Assert.AreEqual(UnixFileOwner.CurrentUserId, UnixFileOwner.OwnerOf(shadow.Root));
    }

    private static string CreateInstanceFolder(string root, string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "PluginA", "1"));
        File.WriteAllText(Path.Combine(directory, "PluginA", "1", "PluginA.dll"), "copy");
        File.WriteAllText(Path.Combine(directory, ".lock"), "pid 1\n");
        return directory;
    }

    private static ILogger Logger(LogSink sink) => sink.CreateLogger("shadow");

    private sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "domovoy-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Temp leftovers are harmless.
            }
        }
    }
}
