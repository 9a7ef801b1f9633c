using System.Diagnostics;

namespace Domovoy.Tests.Shared;

/// <summary>Runs commands and long-running processes; lets tests wait for output lines (no sleeping).</summary>
internal sealed class ProcessOutput : IDisposable, IAsyncDisposable
{
    private readonly Process _process;
    private readonly Recorder<string> _lines = new();

    private ProcessOutput(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<string> Lines => _lines.Items;

    public string Text => string.Join('\n', _lines.Items);

    public int Id => _process.Id;

    /// <summary>Starts a long-running process and collects its stdout and stderr lines.</summary>
    public static ProcessOutput Start(string fileName, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var output = new ProcessOutput(process);
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>Runs a command to completion; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var argList = args.ToList();
        using var output = Start(fileName, argList, workingDirectory, environment);
        int exitCode;
        try
        {
            exitCode = await output.WaitForExitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{fileName} {string.Join(' ', argList)}' did not finish within {timeout}:\n{output.Text}");
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', argList)}' failed ({exitCode}):\n{output.Text}");
        }

        return output.Text;
    }

    /// <summary>Waits for a line (already written or future) matching <paramref name="match"/>.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        try
        {
            return await _lines.WaitForAsync(match, timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No output line {what} within {timeout}. Output so far:\n{Text}");
        }
    }

    /// <summary>Waits for a line containing <paramref name="text"/>.</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout)
        => WaitForAsync(l => l.Contains(text, StringComparison.Ordinal), timeout, $"containing '{text}'");

    public int Count(string contains) => _lines.Items.Count(l => l.Contains(contains, StringComparison.Ordinal));

    /// <summary>Sends SIGTERM, as systemd would.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // flushes the asynchronous output readers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Add(line);
        }
    }
}
