using System.Collections.Concurrent;
using System.Diagnostics;

namespace Domovoy.EndToEnd.Tests;

/// <summary>Runs commands and long-running processes; lets tests wait for output lines (no sleeping).</summary>
internal sealed class ProcessOutput : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    private ProcessOutput(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string Text => string.Join('\n', _lines);

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
        try
        {
            await output._process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{fileName} {string.Join(' ', argList)}' did not finish within {timeout}:\n{output.Text}");
        }

        output._process.WaitForExit(); // flushes the asynchronous output readers
        if (output._process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', argList)}' failed ({output._process.ExitCode}):\n{output.Text}");
        }

        return output.Text;
    }

    /// <summary>Waits for a line (already written or future) matching <paramref name="match"/>.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var existing = _lines.FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((match, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No output line {what} within {timeout}. Output so far:\n{Text}");
        }
    }

    public int Count(string contains) => _lines.Count(l => l.Contains(contains, StringComparison.Ordinal));

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
