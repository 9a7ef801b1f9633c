using Domovoy.Core.Plugins;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Watch.Compiling;
using Microsoft.CodeAnalysis.MSBuild;

namespace Domovoy.Core.Tests.Watch;

/// <summary>
/// <c>domovoy watch</c>'s compile loop end to end: real plugin projects built with the SDK, a real host loading them,
/// real edits on disk. Every wait is on a watch round, a plugin event or a log line.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class WatchTests
{
    private const string RegisterA = """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""";

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task An_edit_reloads_new_code_and_compile_or_analyzer_errors_keep_the_old_version_until_fixed()
    {
        using var ws = new PluginWorkspace();
        // Like a project with warnings as errors for this rule: CA2017 (logging template arguments) fails dotnet build.
        File.WriteAllText(Path.Combine(ws.Root, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.CA2017.severity = error\n");
        ws.WritePlugin("PluginA", "v1", RegisterA);
        await ws.BuildAsync("PluginA");
        await using var watch = await WatchHarness.StartAsync(ws, "PluginA");
        await watch.WaitForCycleAsync(c => c.Trigger == "start", "the start-up compile");
        await watch.Host.Logs.WaitForAsync("HELLO a_app v1");
        Assert.AreEqual(0, watch.Host.Logs.Count("PluginA: compiled"), "an output newer than its sources is not rewritten at start");

        // 1. An edit: compiled in-process, written, reloaded.
        Edit(ws, "PluginA", "\"v1\"", "\"v2\"");
        await watch.Host.Logs.WaitForAsync("HELLO a_app v2");
        var written = watch.Cycles.Single(c => c.Written.Count > 0);
        Assert.IsNull(written.FallbackReason);
        Assert.AreEqual(Path.Combine(ws.PluginsPath, "PluginA"), written.Written.Single());
        Assert.AreEqual(1, watch.Host.Logs.Count("BYE a_app v1"));

        // An app logs from InitializeAsync before the reload commits: wait for the commit before reading the version.
        await watch.Host.Logs.WaitForAsync("Plugin PluginA version 2 loaded");
        var running = watch.Host.LatestVersion("PluginA");
        var dll = File.ReadAllBytes(ws.PluginDll("PluginA"));

        // 2. A compile error: compiler-style diagnostics, nothing written, v2 keeps running.
        var rounds = watch.Cycles.Count;
        Edit(ws, "PluginA", "\"v2\", \"no-helper\");", "\"v3\", \"no-helper\")");
        await watch.WaitForNextCycleAsync(rounds, c => c.Failed.Contains("PluginA"), "the compile error");
        var error = watch.Host.Logs.Lines.Single(l => l.Message.Contains("error CS1002", StringComparison.Ordinal));
        StringAssert.StartsWith(error.Message, Path.Combine(ws.SourcePath, "PluginA", "Plugin.cs") + "(");
        StringAssert.Contains(error.Message, "): error CS1002: ; expected");
        await watch.Host.Logs.WaitForAsync("PluginA: build failed with 1 error(s); nothing was written and the running version is untouched.");
        CollectionAssert.AreEqual(dll, File.ReadAllBytes(ws.PluginDll("PluginA")));
        Assert.AreEqual(running, watch.Host.LatestVersion("PluginA"));

        // 3. An analyzer error (which Emit alone would not report): nothing written either.
        rounds = watch.Cycles.Count;
        Edit(ws, "PluginA", "\"v3\", \"no-helper\")", "\"v3\", \"no-helper\"); Log.LogInformation(\"two {A} {B}\", 1);");
        await watch.WaitForNextCycleAsync(rounds, c => c.Failed.Contains("PluginA"), "the analyzer error");
        StringAssert.Contains(watch.Host.Logs.Lines.Single(l => l.Message.Contains("error CA2017", StringComparison.Ordinal)).Message, "Plugin.cs(");
        CollectionAssert.AreEqual(dll, File.ReadAllBytes(ws.PluginDll("PluginA")));
        Assert.AreEqual(0, watch.Host.Logs.Count("HELLO a_app v3"));
        Assert.AreEqual(0, watch.Host.Logs.Count("BYE a_app v2"), "the running version is untouched");

        // 4. The fix reloads.
        Edit(ws, "PluginA", " Log.LogInformation(\"two {A} {B}\", 1);", string.Empty);
        await watch.Host.Logs.WaitForAsync("HELLO a_app v3");
        await watch.Host.WaitForPluginAsync(PluginEventKind.Loaded, "PluginA", running);
        Assert.AreEqual(0, watch.Host.Logs.Count("dotnet build for"), "no edit needed the fallback");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_helper_library_edit_reloads_exactly_its_users()
    {
        using var ws = new PluginWorkspace();
        ws.WriteHelper("helper-v1");
        ws.WritePlugin("PluginA", "v1", RegisterA, useHelper: true);
        ws.WritePlugin("PluginB", "v1", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig());""");
        ws.WritePlugin("PluginC", "v1", """apps.Register<TestApp, TestConfig>("c_app", new TestConfig());""", useHelper: true);
        await ws.BuildAsync("PluginA");
        await ws.BuildAsync("PluginB");
        await ws.BuildAsync("PluginC");
        await using var watch = await WatchHarness.StartAsync(ws, "PluginA", "PluginB", "PluginC");
        await watch.WaitForCycleAsync(c => c.Trigger == "start", "the start-up compile");
        await watch.Host.Logs.WaitForAsync("HELLO c_app v1 helper-v1");
        await watch.Host.Logs.WaitForAsync("Plugin PluginB version 1 loaded");
        var b = watch.Host.LatestVersion("PluginB");

        var helper = Path.Combine(ws.SourcePath, "SharedHelper", "Helper.cs");
        File.WriteAllText(helper, File.ReadAllText(helper).Replace("helper-v1", "helper-v2", StringComparison.Ordinal));
        await watch.Host.Logs.WaitForAsync("HELLO a_app v1 helper-v2");
        await watch.Host.Logs.WaitForAsync("HELLO c_app v1 helper-v2");
        var round = watch.Cycles.Single(c => c.Written.Count > 0);
        CollectionAssert.AreEquivalent(new[] { Path.Combine(ws.PluginsPath, "PluginA"), Path.Combine(ws.PluginsPath, "PluginC") }, round.Written.ToArray());
        Assert.AreEqual(b, watch.Host.LatestVersion("PluginB"), "B does not use the helper");
        Assert.AreEqual(0, watch.Host.Logs.Count("BYE b_app"));
        Assert.IsTrue(watch.Host.Logs.Lines.Any(l => l.Message == $"File changed: {ws.PluginDll("PluginA", "SharedHelper.dll")}"));
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_new_source_file_or_a_project_change_falls_back_to_dotnet_build_and_still_reloads()
    {
        using var ws = new PluginWorkspace();
        ws.WritePlugin("PluginA", "v1", RegisterA);
        await ws.BuildAsync("PluginA");
        await using var watch = await WatchHarness.StartAsync(ws, "PluginA");
        await watch.WaitForCycleAsync(c => c.Trigger == "start", "the start-up compile");
        await watch.Host.Logs.WaitForAsync("HELLO a_app v1");

        // A new file: the workspace does not model the set of sources.
        await watch.Host.Logs.WaitForAsync("Plugin PluginA version 1 loaded");
        var version = watch.Host.LatestVersion("PluginA");
        var extra = Path.Combine(ws.SourcePath, "PluginA", "Extra.cs");
        File.WriteAllText(extra, "namespace PluginA;\npublic static class Extra\n{\n    public static string Tag => \"extra\";\n}\n");
        var added = await watch.WaitForCycleAsync(c => c.FallbackReason is not null, "the fallback for the added file");
        Assert.AreEqual($"{extra} was added", added.FallbackReason);
        await watch.Host.WaitForPluginAsync(PluginEventKind.Loaded, "PluginA", version);
        Assert.AreEqual(1, watch.Host.Logs.Count($"{extra} was added: the in-process compiler does not model this, running dotnet build for PluginA and reopening the workspace"));

        // A project file change.
        version = watch.Host.LatestVersion("PluginA");
        var rounds = watch.Cycles.Count;
        var project = Path.Combine(ws.SourcePath, "PluginA", "PluginA.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<Nullable>enable</Nullable>", "<Nullable>enable</Nullable><Description>changed</Description>", StringComparison.Ordinal));
        var changed = await watch.WaitForNextCycleAsync(rounds, c => c.FallbackReason is not null, "the fallback for the project file");
        Assert.AreEqual($"{project} changed", changed.FallbackReason);
        await watch.Host.WaitForPluginAsync(PluginEventKind.Loaded, "PluginA", version);

        // The reopened workspace has the new file: an edit of it is compiled in-process again.
        Edit(ws, "PluginA", "\"v1\"", "Extra.Tag");
        await watch.Host.Logs.WaitForAsync("HELLO a_app extra");
        Assert.AreEqual(2, watch.Host.Logs.Count("dotnet build for PluginA"));
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task The_in_process_build_has_the_same_IL_and_metadata_as_dotnet_build()
    {
        WatchHarness.RegisterMsBuild();
        using var ws = new PluginWorkspace();
        ws.WriteHelper("helper-v1");
        ws.WritePlugin("PluginA", "v1", RegisterA, useHelper: true, extraCode: "public static class Extra { public static int Twice(int x) => x * 2; public static async Task<int> LaterAsync() { await Task.Yield(); try { return 1; } finally { } } }");
        await ws.BuildAsync("PluginA");
        var built = File.ReadAllBytes(ws.PluginDll("PluginA"));
        var builtHelper = File.ReadAllBytes(ws.PluginDll("PluginA", "SharedHelper.dll"));

        using var workspace = MSBuildWorkspace.Create();
        var project = await workspace.OpenProjectAsync(Path.Combine(ws.SourcePath, "PluginA", "PluginA.csproj"));
        var compiler = new ProjectCompiler();
        var compiled = await compiler.CompileAsync(project, EmitTemplate.Read(ws.PluginDll("PluginA"))!, CancellationToken.None);
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        AssemblyComparison.AssertSameIlAndMetadata(built, compiled.Assembly!, "PluginA.dll");
        Assert.IsNotNull(compiled.Pdb, "a separate PDB, like dotnet build's");

        var helperProject = project.Solution.Projects.Single(p => p.Name == "SharedHelper");
        var helper = await compiler.CompileAsync(helperProject, EmitTemplate.Read(ws.PluginDll("PluginA", "SharedHelper.dll"))!, CancellationToken.None);
        AssemblyComparison.AssertSameIlAndMetadata(builtHelper, helper.Assembly!, "SharedHelper.dll");
    }

    /// <summary>Replaces text in the plugin's Plugin.cs (only that file changes on disk, as an editor's save).</summary>
    private static void Edit(PluginWorkspace ws, string plugin, string oldText, string newText)
    {
        var path = Path.Combine(ws.SourcePath, plugin, "Plugin.cs");
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text, $"the edit's anchor is missing from {path}");
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }
}
