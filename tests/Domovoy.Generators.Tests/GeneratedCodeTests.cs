using Domovoy.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Domovoy.Generators.Tests;

[TestClass]
public sealed class GeneratedCodeTests
{
    private const string AppUsingGeneratedMembers = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Domovoy.Abstractions;

        namespace TestApp;

        internal static class Usage
        {
            public static async Task UseAsync(IHassPlugin hass, CancellationToken ct)
            {
                LightEntity hallway = Entities.Light.Hallway;
                SensorEntity<double> temperature = Entities.Sensor.KitchenTemperature;
                SensorEntity<DateTimeOffset> boot = Entities.Sensor.LastBoot;
                TextSensorEntity washer = Entities.Sensor.Washer;
                Entity thing = Entities.WeirdDomain.Thing;
                IReadOnlyList<EntityId> kitchen = Areas.Kitchen.All;
                LightEntity nightLight = Labels.Night.Light.Hallway;
                await hass.Light.TurnOnAsync(Entities.Light.Hallway, brightnessPct: 80, rgbColor: (255, 0, 0), flash: HassServices.Light.TurnOnFlashOptions.Short, cancellationToken: ct);
                await hass.Light.TurnOffAsync([Entities.Light.Hallway, Entities.Light.Light_2], transition: 2);
                await hass.Light.TurnOffAsync(Entities.Light.All);
                await hass.Homeassistant.TurnOnAsync(Entities.Switch.FooBar);
                await hass.Notify.SendMessageAsync("hello", title: "Domovoy");
                var forecast = await hass.Weather.GetForecastsAsync(new WeatherEntity("weather.home"), HassServices.Weather.GetForecastsTypeOptions.Daily, ct);
                _ = forecast.Response;
                await hass.Calendar.GetEventsAsync(new CalendarEntity("calendar.home"), duration: TimeSpan.FromHours(1), returnResponse: true);
                await hass.Events_2.FireAsync();
                double? brightness = hass.GetAttributes(Entities.Light.Hallway).Brightness;
                string? mode = new Entities.Light.Attributes(hass.GetFullState(hallway)).ColorMode;
                _ = (temperature, boot, washer, thing, kitchen, nightLight, brightness, mode, Entities.Sensor.WasherOptions._2ndRinse);
            }
        }

        internal sealed class WeatherEntity(string id) : EntityId<string?>(id, "weather")
        {
            protected override string? Parse(EntityState state) => state.State;
        }

        internal sealed class CalendarEntity(string id) : EntityId<string?>(id, "calendar")
        {
            protected override string? Parse(EntityState state) => state.State;
        }
        """;

    [TestMethod]
    [DataRow(null, new[] { "Entities.g.cs", "Services.g.cs" }, DisplayName = "groupings off (the default)")]
    [DataRow("true", new[] { "Entities.g.cs", "Areas.g.cs", "Labels.g.cs", "Services.g.cs" }, DisplayName = "DomovoyGroupings=true")]
    [DataRow(" Labels ", new[] { "Entities.g.cs", "Labels.g.cs", "Services.g.cs" }, DisplayName = "DomovoyGroupings=labels")]
    [DataRow("areas;labels", new[] { "Entities.g.cs", "Areas.g.cs", "Labels.g.cs", "Services.g.cs" }, DisplayName = "DomovoyGroupings=areas;labels")]
    public void EdgeCaseHomeCompilesWithoutAnyWarning(string? groupings, string[] expectedFiles)
    {
        var (output, generatorDiagnostics, run) = GeneratorHarness.Generate(GeneratorHarness.Fixture("edge-home.snapshot.json"), groupings: groupings);

        Assert.IsEmpty(generatorDiagnostics, string.Join("\n", generatorDiagnostics));
        CollectionAssert.AreEquivalent(expectedFiles, run.Results.Single().GeneratedSources.Select(s => s.HintName).ToArray());
        var problems = GeneratorHarness.Problems(output);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void AppCodeWrittenAgainstTheGeneratedMembersCompiles()
    {
        var (output, generatorDiagnostics, _) = GeneratorHarness.Generate(GeneratorHarness.Fixture("edge-home.snapshot.json"), AppUsingGeneratedMembers, groupings: GeneratorHarness.AllGroupings);

        Assert.IsEmpty(generatorDiagnostics);
        var problems = GeneratorHarness.Problems(output);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void NoSnapshotGeneratesNothing()
    {
        var (output, generatorDiagnostics, run) = GeneratorHarness.Generate(null);

        Assert.IsEmpty(generatorDiagnostics);
        Assert.IsEmpty(run.Results.Single().GeneratedSources);
        Assert.IsEmpty(GeneratorHarness.Problems(output));
    }

    [TestMethod]
    public void InvalidJsonIsAnErrorNamingTheLine()
    {
        var (_, diagnostics, _) = GeneratorHarness.Generate("{\n  \"schema\": 1,\n  \"entities\": [,]\n}\n");

        var error = diagnostics.Single();
        Assert.AreEqual("DOMOVOY001", error.Id);
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        Assert.AreEqual(2, error.Location.GetLineSpan().StartLinePosition.Line, error.ToString());
        StringAssert.Contains(error.GetMessage(), "not valid JSON");
    }

    [TestMethod]
    public void AnEntityWithoutItsIdIsReportedAndTheRestIsGenerated()
    {
        const string snapshot = """
            { "schema": 1, "entities": [
              { "domain": "light", "state": "on" },
              { "entity_id": "light.ok", "domain": "light", "state": "on", "state_kind": "domain" } ] }
            """;
        var (output, diagnostics, _) = GeneratorHarness.Generate(snapshot, "internal static class Use { internal static object X => TestApp.Entities.Light.Ok; }");

        StringAssert.Contains(diagnostics.Single(d => d.Id == "DOMOVOY001").GetMessage(), "'entity_id' is required");
        Assert.IsEmpty(GeneratorHarness.Problems(output));
    }

    [TestMethod]
    public void NewerSchemaIsRejectedWithAnUpdateHint()
    {
        var (_, diagnostics, run) = GeneratorHarness.Generate("""{ "schema": 2, "entities": [] }""");

        var error = diagnostics.Single();
        Assert.AreEqual("DOMOVOY002", error.Id);
        StringAssert.Contains(error.GetMessage(), "schema 2");
        Assert.IsEmpty(run.Results.Single().GeneratedSources);
    }

    [TestMethod]
    public void CSharp10GetsEntitiesAndAWarningInsteadOfServices()
    {
        var (output, diagnostics, run) = GeneratorHarness.Generate(GeneratorHarness.Fixture("edge-home.snapshot.json"), version: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10, groupings: GeneratorHarness.AllGroupings);

        var warning = diagnostics.Single();
        Assert.AreEqual("DOMOVOY003", warning.Id);
        StringAssert.Contains(warning.GetMessage(), "C# 10");
        Assert.IsFalse(run.Results.Single().GeneratedSources.Any(s => s.HintName == "Services.g.cs"));
        Assert.IsEmpty(GeneratorHarness.Problems(output), string.Join("\n", GeneratorHarness.Problems(output)));
    }

    [TestMethod]
    public void A5000EntityHomeCompilesWithoutAnyWarning()
    {
        var (output, generatorDiagnostics, _) = GeneratorHarness.Generate(LargeSnapshot.Create(), groupings: GeneratorHarness.AllGroupings);

        Assert.IsEmpty(generatorDiagnostics, string.Join("\n", generatorDiagnostics));
        var problems = GeneratorHarness.Problems(output);
        Assert.IsEmpty(problems, string.Join("\n", problems.Take(20)));
        Assert.IsNotNull(output.GetTypeByMetadataName("TestApp.Entities+Sensor"));
    }
}
