using System.Diagnostics;

namespace Domovoy.Watch.Building;

/// <summary>Runs <c>dotnet build</c> for one project (the fallback for what the workspace does not model).</summary>
internal static class DotnetBuild
{
    /// <summary>
    /// Builds <paramref name="projectPath"/> and returns whether it succeeded; its error and warning lines go to
    /// <paramref name="output"/> as they arrive. Cancelling kills the build (and its children).
    /// </summary>
    public static async Task<bool> RunAsync(string dotnetPath, string projectPath, Action<string> output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(dotnetPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
        };
        foreach (var argument in new[] { "build", projectPath, "-nologo", "-v", "q", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode == 0;

        void Forward(string? line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                output(line.Trim());
            }
        }
    }
}
