using Domovoy.Samples.ClimateReport;

namespace Domovoy.Samples.Tests;

/// <summary>samples/ClimateReport: a report every 45 s, and a line whenever the indoor temperature changes.</summary>
[TestClass]
public sealed class ClimateReportTests
{
    private static Task<DomovoyTestHome> StartAsync() => DomovoyTestHome.StartAsync(h => h
        .WithEntity("sensor.living_room_temperature", "21.5", new { unit_of_measurement = "°C" })
        .WithEntity("sensor.outdoor_temperature", "4", new { unit_of_measurement = "°C" })
        .AddRegistrar<Apps>());

    [TestMethod]
    public async Task Reports_both_temperatures_every_45_seconds()
    {
        await using var home = await StartAsync();

        await home.AdvanceAsync(TimeSpan.FromSeconds(44));
        Assert.IsFalse(home.LogsOf("climate_report").Any(l => l.Message.StartsWith("Indoor 21.5", StringComparison.Ordinal)), "no report before 45 s");

        await home.AdvanceAsync(TimeSpan.FromSeconds(46));

        var reports = home.LogsOf("climate_report").Where(l => l.Message.StartsWith("Indoor 21.5 °C, outdoor 4 °C", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(2, reports, string.Join("\n", home.LogsOf("climate_report")));
        home.AssertLogged("climate_report", "(reporting for 1 min 30 s)");
    }

    [TestMethod]
    public async Task Logs_indoor_changes_and_reports_the_new_value()
    {
        await using var home = await StartAsync();

        await home.SetStateAsync("sensor.living_room_temperature", "22");
        await home.AdvanceAsync(TimeSpan.FromSeconds(45));

        home.AssertLogged("climate_report", "Indoor temperature changed: 21.5 → 22 °C");
        home.AssertLogged("climate_report", "Indoor 22 °C, outdoor 4 °C");
        Assert.IsEmpty(home.ServiceCalls, "the report only reads states");
    }
}
