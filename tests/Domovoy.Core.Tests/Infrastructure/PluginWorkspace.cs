using Domovoy.Tests.Shared;

namespace Domovoy.Core.Tests.Infrastructure;

/// <summary>
/// A temporary folder with real plugin projects (built with the real SDK) and a plugins folder they build into.
/// Plugins reference the Domovoy.Abstractions.dll the tests run with, without copying it, like user plugins do.
/// </summary>
public sealed class PluginWorkspace : IDisposable
{
    public PluginWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "domovoy-tests", Guid.NewGuid().ToString("N"));
        PluginsPath = Path.Combine(Root, "plugins");
        SourcePath = Path.Combine(Root, "src");
        ShadowPath = Path.Combine(Root, "shadow");
        Directory.CreateDirectory(PluginsPath);
        Directory.CreateDirectory(SourcePath);
        // Keep the repository's build settings (central versions, warnings as errors) out of the generated projects.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />");
    }

    public string Root { get; }

    public string PluginsPath { get; }

    public string SourcePath { get; }

    public string ShadowPath { get; }

    /// <summary>Writes the shared helper library used by some plugins.</summary>
    public void WriteHelper(string text)
    {
        var dir = Path.Combine(SourcePath, "SharedHelper");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "SharedHelper.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Helper.cs"), $$"""
            namespace SharedHelper;
            public static class Helper
            {
                public static string Describe() => "{{text}}";
            }
            """);
    }

    /// <summary>
    /// Writes a plugin project whose <c>Apps</c> registrar registers <paramref name="registrations"/> (C# statements
    /// against <c>apps</c>). Its apps log <c>HELLO &lt;app&gt; &lt;version&gt; &lt;helper&gt;</c> on initialize and
    /// <c>BYE &lt;app&gt; &lt;version&gt;</c> on finalize.
    /// </summary>
    /// <param name="abstractionsPath">A Domovoy.Abstractions.dll to compile against instead of the tests' own (see <see cref="BuildAbstractionsAsync"/>).</param>
    public void WritePlugin(string name, string version, string registrations, bool useHelper = false, string extraCode = "", string? abstractionsPath = null)
    {
        var dir = Path.Combine(SourcePath, name);
        Directory.CreateDirectory(dir);
        var abstractions = abstractionsPath ?? typeof(Domovoy.Abstractions.AppBase).Assembly.Location;
        var logging = typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location;
        var reactive = typeof(System.Reactive.Linq.Observable).Assembly.Location;
        var helperReference = useHelper ? """<ProjectReference Include="../SharedHelper/SharedHelper.csproj" />""" : string.Empty;
        File.WriteAllText(Path.Combine(dir, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <EnableDynamicLoading>true</EnableDynamicLoading>
                <OutputPath>{Path.Combine(PluginsPath, name)}/</OutputPath>
                <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Domovoy.Abstractions"><HintPath>{abstractions}</HintPath><Private>false</Private></Reference>
                <Reference Include="Microsoft.Extensions.Logging.Abstractions"><HintPath>{logging}</HintPath><Private>false</Private></Reference>
                <Reference Include="System.Reactive"><HintPath>{reactive}</HintPath><Private>false</Private></Reference>
                {helperReference}
              </ItemGroup>
            </Project>
            """);
        var helperCall = useHelper ? "SharedHelper.Helper.Describe()" : "\"no-helper\"";
        File.WriteAllText(Path.Combine(dir, "Plugin.cs"), $$"""
            using System.ComponentModel.DataAnnotations;
            using Domovoy.Abstractions;
            using Microsoft.Extensions.Logging;

            namespace {{name}};

            public sealed class TestConfig : AppConfigBase
            {
                [Range(0, 100)]
                public int Level { get; init; }

                public bool FailOnInit { get; init; }
            }

            public sealed class TestApp : AppBase<TestConfig>
            {
                public override Task InitializeAsync(CancellationToken cancellationToken)
                {
                    if (Config.FailOnInit)
                    {
                        throw new InvalidOperationException("boom from " + Meta.AppName);
                    }

                    Log.LogInformation("HELLO {App} {Version} {Helper}", Meta.AppName, "{{version}}", {{helperCall}});
                    return Task.CompletedTask;
                }

                public override Task FinalizeAsync(CancellationToken cancellationToken)
                {
                    Log.LogInformation("BYE {App} {Version}", Meta.AppName, "{{version}}");
                    return Task.CompletedTask;
                }
            }

            public sealed class Apps : IAppRegistrar
            {
                public void Register(IAppRegistry apps)
                {
                    {{registrations}}
                }
            }

            {{extraCode}}
            """);
    }

    /// <summary>
    /// Builds a copy of Domovoy.Abstractions from the repository's sources with another assembly version (to fake a
    /// plugin built against an older or newer Abstractions package) and returns the path of its DLL.
    /// </summary>
    public async Task<string> BuildAbstractionsAsync(Version assemblyVersion)
    {
        var name = $"Abstractions_{assemblyVersion.ToString().Replace('.', '_')}";
        var dir = Path.Combine(SourcePath, name);
        var source = Path.Combine(RepositoryRoot, "Domovoy.Abstractions");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Compile against the same dependencies as the real Abstractions, except the base framework's: those next to the
        // test binaries, or from the shared framework that provides them (ASP.NET Core's carries the logging abstractions).
        var baseFramework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = string.Concat(typeof(Domovoy.Abstractions.AppBase).Assembly.GetReferencedAssemblies()
            .Select(a => File.Exists(Path.Combine(AppContext.BaseDirectory, a.Name + ".dll")) ? Path.Combine(AppContext.BaseDirectory, a.Name + ".dll") : System.Reflection.Assembly.Load(a).Location)
            .Where(path => File.Exists(path) && !string.Equals(Path.GetDirectoryName(path), baseFramework, StringComparison.Ordinal))
            .Select(path => $"""<Reference Include="{Path.GetFileNameWithoutExtension(path)}"><HintPath>{path}</HintPath></Reference>"""));
        var v = assemblyVersion;
        File.WriteAllText(Path.Combine(dir, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <LangVersion>latest</LangVersion>
                <AssemblyName>Domovoy.Abstractions</AssemblyName>
                <RootNamespace>Domovoy.Abstractions</RootNamespace>
                <Version>{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}</Version>
                <AssemblyVersion>{v}</AssemblyVersion>
              </PropertyGroup>
              <ItemGroup>
                {references}
              </ItemGroup>
            </Project>
            """);
        await BuildAsync(name);
        return Path.Combine(dir, "bin", "Debug", "net10.0", "Domovoy.Abstractions.dll");
    }

    /// <summary>The repository root (the folder with Domovoy.sln), found upwards from the test binaries.</summary>
    public static string RepositoryRoot => RepositoryPaths.Root;

    /// <summary>Builds a project with the real SDK; throws with the build output on failure.</summary>
    /// <param name="name">The project (folder) name.</param>
    /// <param name="extraArguments">More <c>dotnet build</c> arguments, e.g. <c>--no-incremental</c>.</param>
    public Task BuildAsync(string name, params string[] extraArguments)
        => ProcessOutput.RunAsync(
            "dotnet",
            ["build", Path.Combine(SourcePath, name, $"{name}.csproj"), "-nologo", "-v", "q", "-clp:ErrorsOnly", "-p:TreatWarningsAsErrors=false", .. extraArguments],
            Root,
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            TimeSpan.FromMinutes(5));

    /// <summary>Builds a project into <paramref name="outputDirectory"/> instead of the plugins folder (a staged build).</summary>
    public Task BuildToAsync(string name, string outputDirectory)
        => BuildAsync(name, $"-p:OutputPath={outputDirectory.TrimEnd('/')}/");

    /// <summary>Copies a staged build into the plugin's folder, file by file, as a build or an rsync would.</summary>
    public void CopyIntoPlugins(string stagedDirectory, string name)
    {
        var target = Path.Combine(PluginsPath, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(stagedDirectory))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }

    public string PluginDll(string name, string? file = null) => Path.Combine(PluginsPath, name, file ?? $"{name}.dll");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Temp leftovers are harmless.
        }
    }
}
