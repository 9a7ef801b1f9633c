using System.Collections.Concurrent;
using System.Diagnostics;

namespace Domovoy.Core.Tests.Infrastructure;

/// <summary>The real Domovoy.Host executable in its own process, with its output captured line by line.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    private HostProcess(Process process)
    {
        _process = process;
    }

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public string Output => string.Join('\n', _lines);

    public int Id => _process.Id;

    public static HostProcess Start(string configPath)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Domovoy.Host.dll");
        var start = new ProcessStartInfo("dotnet", [hostDll, "--config", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.Add(e.Data);
        process.ErrorDataReceived += (_, e) => host.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public Task<string> WaitForLineAsync(string contains, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var existing = _lines.FirstOrDefault(l => l.Contains(contains, StringComparison.Ordinal));
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            _waiters.Add((l => l.Contains(contains, StringComparison.Ordinal), done));
        }

        return done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Sends SIGTERM, as systemd or <c>docker stop</c> would.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_waiters)
        {
            _lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToArray())
            {
                waiter.Done.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }
}
