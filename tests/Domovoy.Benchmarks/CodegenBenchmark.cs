using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Domovoy.Abstractions;
using Domovoy.Generators;
using Domovoy.Generators.Tests.Infrastructure;
using Domovoy.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Domovoy.Benchmarks;

/// <summary>
/// Issue 11: what typed-entity generation adds to a build, for a synthesized 5,000-entity / 600-service snapshot, with
/// the default output and with the groupings on. In-process: the real generator run by a fresh CSharpGeneratorDriver
/// (what each build does), and the compile of the app with the generated sources vs without (Emit with the XML doc file,
/// as the template's GenerateDocumentationFile does). Real build: <c>dotnet build</c> (Debug, the template's settings)
/// of a small app (ProjectReferences to Abstractions and the generator, as the samples have them) after touching its
/// source, with the snapshot, with it and the groupings, and without, in turn. Target: ≤ 1 s added.
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
        // csc runs with the server GC (its runtimeconfig.json), which halves the GC cost of a big compilation on this
        // 2-core machine; the benchmarks otherwise run with the host's workstation GC. So this suite reruns itself with
        // the compiler's GC setting.
        if (!GCSettings.IsServerGC)
        {
            var start = new ProcessStartInfo("dotnet", [typeof(CodegenBenchmark).Assembly.Location, "codegen", .. args]) { Environment = { ["DOTNET_gcServer"] = "1" } };
            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the benchmark with the server GC");
            await child.WaitForExitAsync();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"the codegen benchmark (server GC) failed with exit code {child.ExitCode}");
            }

            return;
        }

        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var buildRounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var snapshot = LargeSnapshot.Create();
        Console.WriteLine($"codegen: snapshot of 5,000 entities / 600 services, {snapshot.Length / 1024} KiB; server GC (as csc); load average {File.ReadAllText("/proc/loadavg").Trim()}");

        MeasureInProcess(snapshot, runs);
        if (buildRounds > 0)
        {
            await MeasureRealBuildAsync(repositoryRoot, snapshot, buildRounds);
        }
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private const int Warmups = 5;

    private static void MeasureInProcess(string snapshot, int runs)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(EntityId).Assembly.Location)
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p))
            .ToArray();

        // The template's app settings: nullable, C# 14, XML docs diagnosed and written (GenerateDocumentationFile),
        // Debug (what 'dotnet build' builds), concurrent build.
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "BenchApp",
            [CSharpSyntaxTree.ParseText(AppSource.Replace("using Domovoy.Abstractions;", "using System.Threading;\nusing System.Threading.Tasks;\nusing Domovoy.Abstractions;"), parseOptions)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        // The scenarios take turns in every round, after the same warm-ups, so none is measured with a colder JIT.
        string?[] scenarios = [null, "true"];
        var without = new Sample();
        var generate = scenarios.Select(_ => new Sample()).ToArray();
        var withGenerated = scenarios.Select(_ => new Sample()).ToArray();
        var outputs = new Compilation[scenarios.Length];
        for (var i = -Warmups; i < runs; i++)
        {
            without.Measure(i >= 0, () => Emit(Driver(null, parseOptions, null).RunGeneratorsAndUpdateCompilation(compilation, out var plain, out _) is { } ? plain : null!));
            for (var s = 0; s < scenarios.Length; s++)
            {
                var groupings = scenarios[s];
                outputs[s] = generate[s].Measure(i >= 0, () => Driver(snapshot, parseOptions, groupings).RunGeneratorsAndUpdateCompilation(compilation, out var updated, out _) is { } ? updated : null)!;
                withGenerated[s].Measure(i >= 0, () => Emit(outputs[s]));
            }
        }

        Console.WriteLine($"in-process, median of {runs} after {Warmups} warm-ups (wall / CPU of this process, all threads / bytes allocated):");
        Console.WriteLine($"  compiling the app without a snapshot (Emit): {without}");
        for (var s = 0; s < scenarios.Length; s++)
        {
            var (groupings, output) = (scenarios[s], outputs[s]);
            var generated = output!.SyntaxTrees.Skip(1).ToList();
            Console.WriteLine(groupings is null ? "default output (groupings off):" : $"with DomovoyGroupings={groupings}:");
            Console.WriteLine($"  generator run (parse snapshot + emit and parse the sources): {generate[s]}");
            Console.WriteLine($"  compiling the app with the generated sources ({generated.Sum(t => t.GetText().Lines.Count):N0} lines): {withGenerated[s]}");

            // What each file adds, parsed and compiled from scratch as in a build (a second Emit of the same compilation
            // reuses its declared symbols, and a tree parsed before keeps its realized nodes: both cost a fraction).
            // Areas and Labels refer to Entities, so they are compiled with it and Entities' own cost subtracted (a file
            // compiled alone with errors skips most of the work).
            var entities = generated.Single(t => Path.GetFileName(t.FilePath) == "Entities.g.cs");
            var entitiesAlone = MeasureParseAndEmit(compilation, [entities], parseOptions, runs);
            foreach (var tree in generated)
            {
                var cost = tree == entities ? entitiesAlone : MeasureParseAndEmit(compilation, [entities, tree], parseOptions, runs).Minus(entitiesAlone);
                Console.WriteLine($"    {Path.GetFileName(tree.FilePath)} ({tree.GetText().Lines.Count:N0} lines) adds {cost} (parse + compile)");
            }

            var addedCpu = generate[s].MedianCpu + withGenerated[s].MedianCpu - without.MedianCpu;
            var addedWall = generate[s].MedianWall + withGenerated[s].MedianWall - without.MedianWall;
            Console.WriteLine($"  added by generation (generator + compiling its output): wall {Stats.Ms(addedWall)}, CPU {Stats.Ms(addedCpu)} (target <= 1000 ms)");
        }
    }

    private static Sample MeasureParseAndEmit(Compilation app, SyntaxTree[] trees, CSharpParseOptions parseOptions, int runs)
    {
        var texts = trees.Select(t => (Text: t.GetText(), t.FilePath)).ToArray();
        var sample = new Sample();
        for (var i = -2; i < Math.Min(runs, 3); i++)
        {
            sample.Measure(i >= 0, () => Emit(app.AddSyntaxTrees(texts.Select(t => CSharpSyntaxTree.ParseText(t.Text, parseOptions, t.FilePath)))));
        }

        return sample;
    }

    /// <summary>Wall time, process CPU time and allocated bytes of repeated runs (allocations are the steady figure on a
    /// busy machine: they do not depend on what else runs).</summary>
    private sealed class Sample
    {
        private readonly List<double> _wall = [];
        private readonly List<double> _cpu = [];
        private readonly List<double> _allocated = [];

        public double MedianWall => Stats.Percentile(_wall, 50);

        public double MedianCpu => Stats.Percentile(_cpu, 50);

        public double MedianAllocated => Stats.Percentile(_allocated, 50);

        public T Measure<T>(bool record, Func<T> action)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var result = action();
            if (record)
            {
                _wall.Add(stopwatch.Elapsed.TotalMilliseconds);
                _cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                _allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - allocated);
            }

            return result;
        }

        public void Measure(bool record, Action action) => Measure(record, () =>
        {
            action();
            return 0;
        });

        /// <summary>The medians of this sample minus those of <paramref name="other"/>.</summary>
        public Sample Minus(Sample other)
        {
            var difference = new Sample();
            difference._wall.Add(MedianWall - other.MedianWall);
            difference._cpu.Add(MedianCpu - other.MedianCpu);
            difference._allocated.Add(MedianAllocated - other.MedianAllocated);
            return difference;
        }

        public override string ToString() => $"{Stats.Ms(MedianWall)} / CPU {Stats.Ms(MedianCpu)} / {Stats.Mb((long)MedianAllocated)}";
    }

    private static GeneratorDriver Driver(string? snapshot, CSharpParseOptions parseOptions, string? groupings)
    {
        var properties = new Dictionary<string, string> { ["build_property.RootNamespace"] = "BenchApp" };
        if (groupings is not null)
        {
            properties["build_property.DomovoyGroupings"] = groupings;
        }

        return CSharpGeneratorDriver.Create(
            [new HassGenerator().AsSourceGenerator()],
            snapshot is null ? [] : [new InMemoryAdditionalText("/bench/hass.snapshot.json", snapshot)],
            parseOptions,
            new BuildProperties(properties));
    }

    /// <summary>Compiles to memory with the XML documentation file, as GenerateDocumentationFile does.</summary>
    private static void Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        using var documentation = new MemoryStream();
        var result = compilation.Emit(stream, xmlDocumentationStream: documentation);
        if (!result.Success)
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
            // The generator reads only a file named hass.snapshot.json (the props' default location); "none" turns it off.
            await File.WriteAllTextAsync(Path.Combine(directory, HassGenerator.SnapshotFileName), snapshot);
            await DotnetAsync(directory, "build");

            (string Name, string[] Properties)[] scenarios =
            [
                ("with the snapshot", []),
                ("with the snapshot, DomovoyGroupings=true", ["-p:DomovoyGroupings=true"]),
                ("without", ["-p:DomovoySnapshot=none"]),
            ];
            var times = scenarios.Select(_ => new List<double>()).ToArray();
            for (var i = -1; i < rounds; i++)
            {
                for (var s = 0; s < scenarios.Length; s++)
                {
                    // A source edit, so the compiler runs (as after every change in the edit-build loop).
                    await File.AppendAllTextAsync(source, "\n");
                    var stopwatch = Stopwatch.StartNew();
                    await DotnetAsync(directory, ["build", "--no-restore", "-p:BuildProjectReferences=false", .. scenarios[s].Properties]);
                    if (i >= 0)
                    {
                        times[s].Add(stopwatch.Elapsed.TotalMilliseconds);
                    }

                    // The XML doc file shows whether the build compiled generated code (an earlier version of this
                    // benchmark named the snapshot so the generator never read it, and timed nothing).
                    var documented = (await File.ReadAllTextAsync(Path.Combine(directory, "obj", "Debug", "net10.0", "BenchApp.xml"))).Contains("T:BenchApp.Entities", StringComparison.Ordinal);
                    if (documented != (s < scenarios.Length - 1))
                    {
                        throw new InvalidOperationException($"the build '{scenarios[s].Name}' {(documented ? "has" : "lacks")} the generated entities");
                    }
                }
            }

            Console.WriteLine($"real 'dotnet build' of a small app after a source edit (no build servers: each build starts a fresh compiler), median of {rounds}:");
            var baseline = Stats.Percentile(times[^1], 50);
            for (var s = 0; s < scenarios.Length; s++)
            {
                var median = Stats.Percentile(times[s], 50);
                var added = s == scenarios.Length - 1 ? string.Empty : $"; added by generation: {Stats.Ms(median - baseline)} (target <= 1000 ms: {(median - baseline <= 1000 ? "met" : "NOT met")})";
                Console.WriteLine($"  {scenarios[s].Name}: {Stats.Ms(median)} [{string.Join(", ", times[s].Select(Stats.Ms))}]{added}");
            }
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
