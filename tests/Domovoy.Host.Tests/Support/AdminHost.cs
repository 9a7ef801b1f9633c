using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Domovoy.Tests.Shared;

namespace Domovoy.Host.Tests.Support;

/// <summary>
/// The real Domovoy.Host executable on a <see cref="SampleWorkspace"/>, against its embedded simulator, with the status
/// page on a free port. Knows the page's address and the generated token from the host's own log lines.
/// </summary>
internal sealed partial class AdminHost : IAsyncDisposable
{
    /// <summary>The failure bound for anything a host does on a loaded machine (start-up, restarts).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private AdminHost(ProcessOutput output, Uri address, string token, Uri simulator)
    {
        Output = output;
        Address = address;
        Token = token;
        SimulatorAddress = simulator;
        Client = new HttpClient { BaseAddress = address, Timeout = Patience };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public ProcessOutput Output { get; }

    /// <summary>The status page, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    /// <summary>The token the host generated and logged for this run.</summary>
    public string Token { get; }

    public Uri SimulatorAddress { get; }

    /// <summary>A client sending the token as a Bearer header.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the host and waits until the page serves and every sample app is settled (running, or disabled by the state file).</summary>
    public static async Task<AdminHost> StartAsync(SampleWorkspace workspace, IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = ProcessOutput.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Domovoy.Host.dll"), "--config", workspace.ConfigPath], workspace.Root, environment ?? new Dictionary<string, string>());
        try
        {
            var simulatorLine = await output.WaitForLineAsync("running against a simulated Home Assistant at", Patience);
            var pageLine = await output.WaitForLineAsync("Status page: http", Patience);
            var address = new Uri(PageUrl().Match(pageLine).Value);
            var token = GeneratedToken().Match(pageLine) is { Success: true } m ? m.Groups[1].Value : environment?.Values.FirstOrDefault() ?? string.Empty;
            var host = new AdminHost(output, address, token, new Uri(PageUrl().Match(simulatorLine[simulatorLine.IndexOf(" at ", StringComparison.Ordinal)..]).Value));
            await host.WaitUntilAsync(apps => apps.Count == SampleWorkspace.SampleApps.Length && apps.All(a => a.Status is "running" or "disabled"));
            return host;
        }
        catch
        {
            await output.DisposeAsync();
            throw;
        }
    }

    /// <summary>GET /api/apps as (name, status, instance id).</summary>
    public async Task<IReadOnlyList<AppRow>> AppsAsync()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("api/apps"));
        return ReadApps(document.RootElement);
    }

    private static AppRow[] ReadApps(JsonElement apps)
        => apps.EnumerateArray().Select(a => new AppRow(a.GetProperty("name").GetString()!, a.GetProperty("status").GetString()!, a.GetProperty("instance_id").GetInt64())).ToArray();

    /// <summary>
    /// Follows the live status stream (/api/status/stream, an event per change) until the apps satisfy the condition;
    /// bounded by <see cref="Patience"/>.
    /// </summary>
    public Task WaitUntilAsync(Func<IReadOnlyList<AppRow>, bool> condition)
        => WaitForStatusAsync(status => condition(ReadApps(status.GetProperty("apps"))), "the apps in the expected state");

    /// <summary>Follows the live status stream until a status event satisfies the condition; bounded by <see cref="Patience"/>.</summary>
    public async Task WaitForStatusAsync(Func<JsonElement, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var last = string.Empty;
        try
        {
            await foreach (var (name, data) in SseStream.ReadAsync(Client, "api/status/stream", timeout.Token))
            {
                if (name != "status")
                {
                    continue;
                }

                last = data;
                using var document = JsonDocument.Parse(data);
                if (condition(document.RootElement))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"No status with {what} within {Patience}; last seen: {last}\n{Output.Text}");
    }

    /// <summary>SIGTERM, then waits for a clean exit.</summary>
    public async Task StopAsync()
    {
        await Output.TerminateAsync();
        Assert.AreEqual(0, await Output.WaitForExitAsync(Patience), Output.Text);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Output.DisposeAsync();
    }

    [GeneratedRegex(@"http://[^\s/]+/")]
    private static partial Regex PageUrl();

    [GeneratedRegex(@"access token ([0-9a-f]{64})")]
    private static partial Regex GeneratedToken();

    /// <summary>One app as the API lists it.</summary>
    public sealed record AppRow(string Name, string Status, long InstanceId);
}
