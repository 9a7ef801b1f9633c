using Domovoy.Core.Scheduling;

namespace Domovoy.Core.Tests.Scheduling;

[TestClass]
public sealed class LocationProviderTests
{
    [TestMethod]
    public void Config_coordinates_override_the_reported_location_and_keep_its_elevation()
    {
        var reported = new ReportedLocationProvider();
        var options = new DomovoyOptions();
        var provider = new OptionsLocationProvider(options, reported);
        Assert.IsNull(provider.GetLocation());

        reported.Report(40.7128, -74.006, 10);
        Assert.AreEqual(new GeoLocation(40.7128, -74.006, 10), provider.GetLocation());

        options.Latitude = 52.52;
        options.Longitude = 13.405;
        Assert.AreEqual(new GeoLocation(52.52, 13.405, 10), provider.GetLocation());

        options.Elevation = 34;
        Assert.AreEqual(new GeoLocation(52.52, 13.405, 34), provider.GetLocation());
    }

    [TestMethod]
    public void Invalid_coordinates_are_rejected()
    {
        var reported = new ReportedLocationProvider();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => reported.Report(91, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => reported.Report(0, 181, 0));
        Assert.IsNull(reported.GetLocation());
        var options = new DomovoyOptions { Latitude = 100, Longitude = 0 };
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new OptionsLocationProvider(options).GetLocation());
    }
}
