using System.Diagnostics;
using System.Globalization;
using Domovoy.Abstractions;
using Domovoy.Generators;
using Domovoy.Generators.Tests.Infrastructure;
using Domovoy.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Domovoy.Benchmarks;

/// <summary>
/// Issue 11: what typed-entity generation adds to a build, for a synthesized 5,000-entity / 600-service snapshot.
/// In-process: the real generator run by a fresh CSharpGeneratorDriver (what each build does), and the compile of the
/// app with the generated sources vs without (Emit). Real build: <c>dotnet build</c> of a small app (ProjectReferences to
/// Abstractions and the generator, as the samples have them) after touching its source, with the snapshot vs without,
/// alternating. Target: ≤ 1 s added.
/// </summary>
internal static class CodegenBenchmark
{
    private const string AppSource = """
        using Domovoy.Abstractions;

        namespace BenchApp;

        /// <summary>A small app.</summary>
        public sealed class Lights : AppBase<EmptyAppConfig>
        {
            /// <inheritdoc/>
            public override Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    public static async Task RunAsync(string repositoryRoot, string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var buildRounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var snapshot = LargeSnapshot.Create();
        Console.WriteLine($"codegen: snapshot of 5,000 entities / 600 services, {snapshot.Length / 1024} KiB; load average {File.ReadAllText("/proc/loadavg").Trim()}");

        MeasureInProcess(snapshot, runs);
        if (buildRounds > 0)
        {
            await MeasureRealBuildAsync(repositoryRoot, snapshot, buildRounds);
        }
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static void MeasureInProcess(string snapshot, int runs)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(EntityId).Assembly.Location)
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p))
            .ToArray();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "BenchApp",
            [CSharpSyntaxTree.ParseText(AppSource.Replace("using Domovoy.Abstractions;", "using System.Threading;\nusing System.Threading.Tasks;\nusing Domovoy.Abstractions;"), parseOptions)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var generate = new Sample();
        var withGenerated = new Sample();
        var without = new Sample();
        Compilation? output = null;
        for (var i = -3; i < runs; i++)
        {
            var measuring = i >= 0;
            output = generate.Measure(measuring, () => Driver(snapshot, parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var updated, out _) is { } ? updated : null)!;
            withGenerated.Measure(measuring, () => Emit(output));
            without.Measure(measuring, () => Emit(Driver(null, parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var plain, out _) is { } ? plain : null!));
        }

        Console.WriteLine($"in-process, median of {runs} after 3 warm-ups (wall / CPU of this process, all threads):");
        Console.WriteLine($"  generator run (parse snapshot + emit sources): {generate}");
        Console.WriteLine($"  compiling the app with the generated sources (Emit): {withGenerated}; without snapshot: {without}");
        foreach (var tree in output!.SyntaxTrees.Skip(1))
        {
            var alone = new Sample();
            var single = compilation.AddSyntaxTrees(tree);
            for (var i = -1; i < Math.Min(runs, 3); i++)
            {
                alone.Measure(i >= 0, () => Emit(single, allowErrors: true));
            }

            Console.WriteLine($"    {Path.GetFileName(tree.FilePath)} alone: {tree.GetText().Lines.Count} lines, {alone}");
        }

        var addedCpu = generate.MedianCpu + withGenerated.MedianCpu - without.MedianCpu;
        var addedWall = generate.MedianWall + withGenerated.MedianWall - without.MedianWall;
        Console.WriteLine($"  added by generation (generator + compiling its output): wall {Stats.Ms(addedWall)}, CPU {Stats.Ms(addedCpu)} (target <= 1000 ms)");
    }

    /// <summary>Wall and process CPU time of repeated runs.</summary>
    private sealed class Sample
    {
        private readonly List<double> _wall = [];
        private readonly List<double> _cpu = [];

        public double MedianWall => Stats.Percentile(_wall, 50);

        public double MedianCpu => Stats.Percentile(_cpu, 50);

        public T Measure<T>(bool record, Func<T> action)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var result = action();
            if (record)
            {
                _wall.Add(stopwatch.Elapsed.TotalMilliseconds);
                _cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }

            return result;
        }

        public void Measure(bool record, Action action) => Measure(record, () =>
        {
            action();
            return 0;
        });

        public override string ToString() => $"{Stats.Ms(MedianWall)} / CPU {Stats.Ms(MedianCpu)}";
    }

    private static GeneratorDriver Driver(string? snapshot, CSharpParseOptions parseOptions)
        => CSharpGeneratorDriver.Create(
            [new HassGenerator().AsSourceGenerator()],
            snapshot is null ? [] : [new InMemoryAdditionalText("/bench/hass.snapshot.json", snapshot)],
            parseOptions,
            new BuildProperties(new Dictionary<string, string> { ["build_property.RootNamespace"] = "BenchApp" }));

    private static void Emit(Compilation compilation, bool allowErrors = false)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success && !allowErrors)
        {
            throw new InvalidOperationException(string.Join('\n', result.Diagnostics.Take(10)));
        }
    }

    private static async Task MeasureRealBuildAsync(string repositoryRoot, string snapshot, int rounds)
    {
        var directory = Directory.CreateTempSubdirectory("domovoy-codegen-bench-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "BenchApp.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="{repositoryRoot}/Domovoy.Abstractions/build/Domovoy.Abstractions.props" />
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <LangVersion>latest</LangVersion>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <GenerateDocumentationFile>true</GenerateDocumentationFile>
                    <RootNamespace>BenchApp</RootNamespace>
                    <EnableDynamicLoading>true</EnableDynamicLoading>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{repositoryRoot}/Domovoy.Abstractions/Domovoy.Abstractions.csproj" Private="false" ExcludeAssets="runtime" />
                    <ProjectReference Include="{repositoryRoot}/Domovoy.Generators/Domovoy.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                </Project>
                """);
            var source = Path.Combine(directory, "App.cs");
            await File.WriteAllTextAsync(source, AppSource);
            await File.WriteAllTextAsync(Path.Combine(directory, "big.snapshot.json"), snapshot);
            await DotnetAsync(directory, "build", "-c", "Release");

            var with = new List<double>();
            var without = new List<double>();
            for (var i = -1; i < rounds; i++)
            {
                foreach (var withSnapshot in new[] { true, false })
                {
                    // A source edit, so the compiler runs (as after every change in the edit-build loop).
                    await File.AppendAllTextAsync(source, "\n");
                    var stopwatch = Stopwatch.StartNew();
                    await DotnetAsync(directory, "build", "-c", "Release", "--no-restore", "-p:BuildProjectReferences=false", $"-p:DomovoySnapshot={(withSnapshot ? "big.snapshot.json" : "none")}");
                    if (i >= 0)
                    {
                        (withSnapshot ? with : without).Add(stopwatch.Elapsed.TotalMilliseconds);
                    }
                }
            }

            var added = Stats.Percentile(with, 50) - Stats.Percentile(without, 50);
            Console.WriteLine($"real 'dotnet build' of a small app after a source edit (no build servers: each build starts a fresh compiler), median of {rounds}:");
            Console.WriteLine($"  with the snapshot: {Stats.Ms(Stats.Percentile(with, 50))} [{string.Join(", ", with.Select(Stats.Ms))}]");
            Console.WriteLine($"  without:           {Stats.Ms(Stats.Percentile(without, 50))} [{string.Join(", ", without.Select(Stats.Ms))}]");
            Console.WriteLine($"  added by generation: {Stats.Ms(added)} (target <= 1000 ms: {(added <= 1000 ? "met" : "NOT met")})");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // No node reuse and no shared compiler: nothing is left running after the benchmark, and every build pays the same
    // process start-up (pessimistic for the generator, which is loaded and JIT-compiled in each build).
    private static Task<string> DotnetAsync(string directory, params string[] args)
        => ProcessOutput.RunAsync("dotnet", [.. args, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:q"], directory, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, TimeSpan.FromMinutes(5));
}
