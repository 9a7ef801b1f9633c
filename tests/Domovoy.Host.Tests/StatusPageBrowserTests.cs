using System.Globalization;
using Domovoy.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Domovoy.Host.Tests;

/// <summary>
/// The status page in a real Chromium (Debian's package at /usr/bin/chromium; Playwright never downloads a browser),
/// against the real host running the samples.
/// </summary>
[TestClass]
public sealed class StatusPageBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly float PatienceMs = (float)AdminHost.Patience.TotalMilliseconds;
    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartBrowser(TestContext context)
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"{ChromiumPath} is missing: install Debian's chromium package (apt-get install -y chromium); .ci/run does so.");
        }

        s_playwright = await Playwright.CreateAsync();
        s_browser = await s_playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = PatienceMs,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [ClassCleanup]
    public static async Task StopBrowser()
    {
        if (s_browser is not null)
        {
            await s_browser.CloseAsync();
        }

        s_playwright?.Dispose();
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task The_page_lists_the_sample_apps_with_their_plugins_and_connection()
    {
        using var workspace = new SampleWorkspace();
        await using var host = await AdminHost.StartAsync(workspace);
        var page = await LogInAsync(host);

        foreach (var app in SampleWorkspace.SampleApps)
        {
            var row = page.Locator($"#apps tr[data-app='{app}']");
            await Expect(row.Locator(".status")).ToHaveTextAsync("running");
            await Expect(row.Locator("button[data-action='restart']")).ToBeEnabledAsync();
            await Expect(row.Locator("button[data-action='disable']")).ToBeVisibleAsync();
        }

        await Expect(page.Locator("#plugins tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#hass")).ToContainTextAsync("ready");
        await Expect(page.Locator("#engine")).ToContainTextAsync("5/5 apps running");

        // Drill-down: the app's callbacks, config and recent log lines.
        await page.Locator("#apps tr[data-app='heartbeat'] a.app-link").ClickAsync();
        await Expect(page.Locator("#callbacks tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#config")).ToContainTextAsync("\"IntervalSeconds\": 20");
        await Expect(page.Locator("#app-log li").First).ToContainTextAsync("beats every 20 s");

        // The README's screenshot (artifacts/status-page.png; docs/status-page.png is a copy of it).
        var artifacts = Path.Combine(SampleWorkspace.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.SetViewportSizeAsync(1280, 900);
        await page.Locator("#details-close").ClickAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "status-page.png"), FullPage = true });

        // Phone width: rows become cards with labels, actions stay reachable.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.Locator("#apps thead")).ToBeHiddenAsync();
        await Expect(page.Locator("#apps tr[data-app='heartbeat'] button[data-action='restart']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "status-page-phone.png"), FullPage = true });
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task A_wrong_token_is_refused()
    {
        using var workspace = new SampleWorkspace();
        await using var host = await AdminHost.StartAsync(workspace);
        var page = await NewPageAsync();

        await page.GotoAsync(host.Address.ToString());
        await Expect(page).ToHaveURLAsync(new Uri(host.Address, "/login").ToString());
        await page.FillAsync("#token", "0000000000000000-not-the-token");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("p.error")).ToHaveTextAsync("Wrong access token.");
        await Expect(page).ToHaveURLAsync(new Uri(host.Address, "/login").ToString());

        var api = await page.APIRequest.GetAsync(new Uri(host.Address, "/api/apps").ToString());
        Assert.AreEqual(401, api.Status, "no session from a wrong token");
        var content = await page.ContentAsync();
        Assert.IsFalse(content.Contains(host.Token, StringComparison.Ordinal));
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Restarting_an_app_from_the_page_reinitializes_only_that_app()
    {
        using var workspace = new SampleWorkspace();
        await using var host = await AdminHost.StartAsync(workspace);
        var page = await LogInAsync(host);
        var before = (await host.AppsAsync()).ToDictionary(a => a.Name, a => a.InstanceId);
        var initialized = SampleWorkspace.SampleApps.ToDictionary(a => a, a => host.Output.Count($"App {a} initialized"));

        var row = page.Locator("#apps tr[data-app='heartbeat']");
        await row.Locator("button[data-action='restart']").ClickAsync();
        await Expect(row).Not.ToHaveAttributeAsync("data-instance", before["heartbeat"].ToString(CultureInfo.InvariantCulture));
        await Expect(row.Locator(".status")).ToHaveTextAsync("running");
        await Expect(page.Locator("#toast")).ToContainTextAsync("heartbeat: restart done");

        await host.Output.WaitForAsync(_ => host.Output.Count("App heartbeat initialized") == initialized["heartbeat"] + 1, AdminHost.Patience, "with heartbeat initialized again");
        var after = (await host.AppsAsync()).ToDictionary(a => a.Name, a => a.InstanceId);
        foreach (var other in SampleWorkspace.SampleApps.Where(a => a != "heartbeat"))
        {
            Assert.AreEqual(before[other], after[other], $"{other} keeps its instance");
            Assert.AreEqual(initialized[other], host.Output.Count($"App {other} initialized"), $"{other} is not reinitialized");
            await Expect(page.Locator($"#apps tr[data-app='{other}']")).ToHaveAttributeAsync("data-instance", before[other].ToString(CultureInfo.InvariantCulture));
        }
    }

    [TestMethod]
    [Timeout(400_000, CooperativeCancellation = true)]
    public async Task Disabling_an_app_from_the_page_survives_a_host_restart()
    {
        using var workspace = new SampleWorkspace();
        IPage page;
        await using (var host = await AdminHost.StartAsync(workspace))
        {
            page = await LogInAsync(host);
            var row = page.Locator("#apps tr[data-app='climate_report']");
            await row.Locator("button[data-action='disable']").ClickAsync();
            await Expect(row.Locator(".status")).ToHaveTextAsync("disabled");
            await Expect(row.Locator("button[data-action='restart']")).ToBeDisabledAsync();
            await host.Output.WaitForLineAsync("App climate_report terminated", AdminHost.Patience);
            await host.StopAsync();
        }

        await using (var host = await AdminHost.StartAsync(workspace))
        {
            // A new run has a new generated token: the old session is gone and the page asks to log in again.
            page = await LogInAsync(host, page);
            var row = page.Locator("#apps tr[data-app='climate_report']");
            await Expect(row.Locator(".status")).ToHaveTextAsync("disabled");
            Assert.AreEqual(0, host.Output.Count("App climate_report initialized"), host.Output.Text);
            await Expect(page.Locator("#apps tr[data-status='running']")).ToHaveCountAsync(4);

            await row.Locator("button[data-action='enable']").ClickAsync();
            await Expect(row.Locator(".status")).ToHaveTextAsync("running");
            await host.Output.WaitForLineAsync("App climate_report initialized", AdminHost.Patience);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task The_live_log_shows_a_new_line_within_a_second()
    {
        using var workspace = new SampleWorkspace();
        await using var host = await AdminHost.StartAsync(workspace);
        var page = await LogInAsync(host);
        await Expect(page.Locator("#log li").First).ToBeVisibleAsync();

        using var simulator = new HttpClient { BaseAddress = host.SimulatorAddress };
        simulator.DefaultRequestHeaders.Authorization = new("Bearer", "sim-token");
        (await simulator.PostAsync("api/states/binary_sensor.kitchen_motion", new StringContent("{\"state\":\"on\"}"))).EnsureSuccessStatusCode();

        // Waits for the line itself (bounded only as a failure limit); the 1 s is measured from when the host logged
        // it (its timestamp) to when the page added it (the page's clock; same machine).
        var line = page.Locator("#log li", new() { HasText = "Motion at binary_sensor.kitchen_motion" }).First;
        await Expect(line).ToBeVisibleAsync(new() { Timeout = PatienceMs });
        var logged = DateTimeOffset.Parse((await line.GetAttributeAsync("data-time"))!, CultureInfo.InvariantCulture);
        var shown = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((await line.GetAttributeAsync("data-received"))!, CultureInfo.InvariantCulture));
        Assert.IsLessThan(TimeSpan.FromSeconds(1), shown - logged, $"logged {logged:O}, shown {shown:O}");
    }

    private static async Task<IPage> NewPageAsync()
    {
        var context = await s_browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(PatienceMs);
        var page = await context.NewPageAsync();

        // The page's own errors end up in the test's output, so a failing test says what broke in the browser.
        page.Console += (_, message) => Console.WriteLine($"browser console {message.Type}: {message.Text}");
        page.PageError += (_, error) => Console.WriteLine($"browser page error: {error}");
        return page;
    }

    /// <summary>Opens the page (redirected to the login form), logs in with the host's token and waits for the app table.</summary>
    private static async Task<IPage> LogInAsync(AdminHost host, IPage? page = null)
    {
        page ??= await NewPageAsync();
        SetDefaultExpectTimeout(PatienceMs);
        await page.GotoAsync(host.Address.ToString());
        await Expect(page.Locator("#token")).ToBeVisibleAsync();
        await page.FillAsync("#token", host.Token);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#apps tbody tr")).ToHaveCountAsync(SampleWorkspace.SampleApps.Length);
        return page;
    }
}
