using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Simulator;
using Domovoy.Tests.Shared;

namespace Domovoy.Core.Tests.Host;

/// <summary>
/// The typed model end to end: a simulated home with awkward ids (leading digit, object id equal to the domain, a C#
/// keyword, ids that collide once underscores go) and a service with every common selector → <c>domovoy codegen</c> →
/// an app written only with the generated members, built by the SDK → the real host runs it against that home → its
/// typed service calls reach Home Assistant with the right data and change the expected state.
/// </summary>
[TestClass]
public sealed class CodegenEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(240);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public async Task An_app_using_only_generated_members_builds_and_its_typed_calls_change_the_home()
    {
        var root = Directory.CreateTempSubdirectory("domovoy-codegen-e2e").FullName;
        try
        {
            var home = Path.Combine(AppContext.BaseDirectory, "Fixtures", "homes", "unusual-home.yaml");
            await using var simulator = await HomeAssistantSimulator.StartAsync(new SimulatorOptions { Port = 0, EntitiesFile = home }, TestContext.CancellationToken);
            var tokenFile = Path.Combine(root, "token");
            await File.WriteAllTextAsync(tokenFile, simulator.AccessToken, TestContext.CancellationToken);
            var project = Path.Combine(root, "UnusualApp");
            Directory.CreateDirectory(project);

            var codegen = await ProcessOutput.RunAsync("dotnet", [HostDll, "codegen", "-o", project, "--url", simulator.BaseUri.ToString(), "--token-file", tokenFile], root, NoEnvironment, Patience);
            StringAssert.Contains(codegen, "10 entities");

            WriteApp(project, Path.Combine(root, "plugins"));
            var build = await ProcessOutput.RunAsync("dotnet", ["build", project, "-nologo", "-v", "q"], root, NoEnvironment, Patience);
            Assert.IsTrue(File.Exists(Path.Combine(root, "plugins", "UnusualApp", "UnusualApp.dll")), build);

            var config = Path.Combine(root, "config.yml");
            await File.WriteAllTextAsync(config, $"plugins: ./plugins\nhass:\n  url: {simulator.WebSocketUri}\n  token_file: {tokenFile}\n", TestContext.CancellationToken);
            await using var host = ProcessOutput.Start("dotnet", [HostDll, "--config", config], root, NoEnvironment);
            var ready = await host.WaitForLineAsync("TYPED ready", Patience);
            StringAssert.Contains(ready, "sensor.a1b sensor.a_1b switch.class light.1st_floor sensor.sensor");

            await simulator.SetStateAsync("binary_sensor.hall_motion", "on");
            await simulator.WaitForStateAsync("light.light", s => s == "on", TestContext.CancellationToken).WaitAsync(Patience, TestContext.CancellationToken);
            await host.WaitForLineAsync("TYPED configured", Patience);

            var configure = simulator.ReceivedServiceCalls.Single(c => c.Contains("\"test_domain\"", StringComparison.Ordinal));
            StringAssert.Contains(configure, "\"entity_id\":[\"light.1st_floor\"]");
            StringAssert.Contains(configure, "\"level\":40");
            StringAssert.Contains(configure, "\"mode\":\"eco\"");
            StringAssert.Contains(configure, "\"companion\":\"switch.class\"");
            StringAssert.Contains(configure, "\"duration\":{\"days\":0,\"hours\":1,\"minutes\":30,\"seconds\":0,\"milliseconds\":0}");
            StringAssert.Contains(configure, "\"at\":\"07:05:00\"");
            StringAssert.Contains(configure, "\"color\":[255,128,0]");
            await host.TerminateAsync();
            Assert.AreEqual(0, await host.WaitForExitAsync(Patience), host.Text);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "Domovoy.Host.dll");

    private static Dictionary<string, string> NoEnvironment => [];

    private static void WriteApp(string project, string plugins)
    {
        var repository = PluginWorkspace.RepositoryRoot;
        File.WriteAllText(Path.Combine(project, "UnusualApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{repository}/Domovoy.Abstractions/build/Domovoy.Abstractions.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <NoWarn>$(NoWarn);CS1591</NoWarn>
                <RootNamespace>UnusualApp</RootNamespace>
                <EnableDynamicLoading>true</EnableDynamicLoading>
                <OutputPath>{plugins}/UnusualApp/</OutputPath>
                <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{repository}/Domovoy.Abstractions/Domovoy.Abstractions.csproj" Private="false" ExcludeAssets="runtime" />
                <ProjectReference Include="{repository}/Domovoy.Generators/Domovoy.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "TypedApp.cs"), """
            using Domovoy.Abstractions;
            using Microsoft.Extensions.Logging;

            namespace UnusualApp;

            public sealed class TypedApp : AppBase
            {
                public override Task InitializeAsync(CancellationToken cancellationToken)
                {
                    Callbacks.ListenState(Entities.BinarySensor.HallMotion, OnMotionAsync, new() { New = true });
                    Log.LogInformation("TYPED ready {A} {B} {C} {D} {E}", Entities.Sensor.A1b, Entities.Sensor.A1b_2, Entities.Switch.Class, Entities.Light._1stFloor, Entities.Sensor.Sensor_2);
                    return Task.CompletedTask;
                }

                private async Task OnMotionAsync(StateChange<bool?> change, CancellationToken cancellationToken)
                {
                    await Hass.Light.TurnOnAsync(Entities.Light.Light_2, brightnessPct: 40, cancellationToken: cancellationToken);
                    await Hass.TestDomain.ConfigureAsync(
                        Entities.Light._1stFloor,
                        40,
                        at: new TimeOnly(7, 5),
                        color: (255, 128, 0),
                        companion: Entities.Switch.Class,
                        duration: TimeSpan.FromMinutes(90),
                        mode: "eco",
                        cancellationToken: cancellationToken);
                    Log.LogInformation("TYPED configured");
                }
            }

            public sealed class Apps : IAppRegistrar
            {
                public void Register(IAppRegistry apps) => apps.Register<TypedApp>("typed");
            }
            """);
    }
}
