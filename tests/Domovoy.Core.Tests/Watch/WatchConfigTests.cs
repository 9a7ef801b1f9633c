using Domovoy.Host.Configuration;
using Domovoy.Host.Watching;

namespace Domovoy.Core.Tests.Watch;

/// <summary>config.yml's <c>dev:</c> section and how <c>domovoy watch</c> turns paths into projects.</summary>
[TestClass]
public sealed class WatchConfigTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "domovoy-watch-config-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void The_dev_section_gives_projects_relative_to_the_file_and_the_debounce()
    {
        var config = HostConfigLoader.Load(Write("plugins: ./plugins\ndev:\n  projects:\n    - ./MotionLights\n    - apps/Other.csproj\n  debounce_ms: 80\n"));
        CollectionAssert.AreEqual(new[] { Path.Combine(_dir, "MotionLights"), Path.Combine(_dir, "apps", "Other.csproj") }, config.DevProjects.ToArray());
        Assert.AreEqual(TimeSpan.FromMilliseconds(80), config.DevDebounce);

        var single = HostConfigLoader.Load(Write("plugins: ./plugins\ndev:\n  projects: .\n"));
        CollectionAssert.AreEqual(new[] { _dir }, single.DevProjects.ToArray());
        Assert.AreEqual(TimeSpan.FromMilliseconds(30), single.DevDebounce);
        Assert.IsEmpty(HostConfigLoader.Load(Write("plugins: ./plugins\n")).DevProjects);
    }

    [TestMethod]
    public void Unknown_or_malformed_dev_keys_are_errors_naming_file_key_and_line()
    {
        var path = Write("plugins: ./plugins\ndev:\n  projects: [a]\n  debounse_ms: 10\n");
        var unknown = Assert.ThrowsExactly<HostConfigException>(() => HostConfigLoader.Load(path));
        StringAssert.Contains(unknown.Message, $"{path} line 4: unknown key 'dev.debounse_ms'. Known keys: dev.projects, dev.debounce_ms.");

        var range = Assert.ThrowsExactly<HostConfigException>(() => HostConfigLoader.Load(Write("plugins: ./plugins\ndev:\n  debounce_ms: 9000\n")));
        StringAssert.Contains(range.Message, "line 3: key 'dev.debounce_ms' has value '9000'");

        var nested = Assert.ThrowsExactly<HostConfigException>(() => HostConfigLoader.Load(Write("plugins: ./plugins\ndev:\n  projects:\n    - { a: b }\n")));
        StringAssert.Contains(nested.Message, "line 4: every entry of 'dev.projects' must be a path");
    }

    [TestMethod]
    public void Projects_resolve_from_files_a_project_folder_or_a_folder_of_projects()
    {
        var a = Project("MotionLights");
        var b = Project(Path.Combine("nested", "Helpers"));
        Directory.CreateDirectory(Path.Combine(_dir, "MotionLights", "obj"));
        File.WriteAllText(Path.Combine(_dir, "MotionLights", "obj", "Ignored.csproj"), "<Project />");

        CollectionAssert.AreEqual(new[] { a }, WatchProjects.Resolve([a]).ToArray());
        CollectionAssert.AreEqual(new[] { a }, WatchProjects.Resolve([Path.GetDirectoryName(a)!]).ToArray());
        CollectionAssert.AreEqual(new[] { a, b }, WatchProjects.Resolve([_dir, a]).ToArray());

        var missing = Assert.ThrowsExactly<ArgumentException>(() => WatchProjects.Resolve([Path.Combine(_dir, "nope")]));
        StringAssert.Contains(missing.Message, "does not exist");
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => WatchProjects.Resolve([empty])).Message, "holds no C# project");
    }

    private string Project(string relative)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_dir, relative)).FullName;
        var path = Path.Combine(directory, Path.GetFileName(relative) + ".csproj");
        File.WriteAllText(path, "<Project />");
        return path;
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, $"config-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
