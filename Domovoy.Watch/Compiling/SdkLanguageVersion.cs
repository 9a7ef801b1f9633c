using System.Diagnostics;
using System.Globalization;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Domovoy.Watch.Compiling;

/// <summary>
/// Keeps the in-process compiler on the SDK compiler's C# version. The Roslyn package the workspace uses can be newer
/// than the compiler in the SDK that <c>dotnet build</c> runs (Roslyn 5.12 reads <c>LangVersion=latest</c> as C# 15
/// where SDK 10.0.401's csc reads it as C# 14), so code that only the newer version accepts would compile under
/// <c>watch</c> and then fail <c>dotnet build</c>. The cap is the highest numbered version that the SDK's csc lists for
/// <c>-langversion:?</c>.
/// </summary>
internal static class SdkLanguageVersion
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The SDK compiler's newest C# version, or null when its csc cannot be asked (the cap is then skipped).</summary>
    public static async Task<LanguageVersion?> FindAsync(CancellationToken cancellationToken)
    {
        var instance = MSBuildLocator.QueryVisualStudioInstances().FirstOrDefault();
        var csc = instance is null ? null : Path.Combine(instance.MSBuildPath, "Roslyn", "bincore", "csc.dll");
        if (csc is null || !File.Exists(csc))
        {
            return null;
        }

        using var process = Process.Start(new ProcessStartInfo("dotnet", [csc, "-langversion:?"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
        if (process is null)
        {
            return null;
        }

        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).WaitAsync(QueryTimeout, cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(QueryTimeout, cancellationToken).ConfigureAwait(false);
            return Parse(output);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
    }

    /// <summary>The highest numbered version in csc's <c>-langversion:?</c> list (e.g. <c>14.0 (default)</c> → C# 14).</summary>
    internal static LanguageVersion? Parse(string output)
    {
        LanguageVersion? newest = null;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var token = line.Split(' ', 2)[0];
            if (double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                && LanguageVersionFacts.TryParse(token, out var version)
                && (newest is null || version > newest))
            {
                newest = version;
            }
        }

        return newest;
    }

    /// <summary>The solution with every C# project above <paramref name="cap"/> lowered to it.</summary>
    public static Solution Apply(Solution solution, LanguageVersion cap)
    {
        foreach (var project in solution.Projects)
        {
            if (project.ParseOptions is CSharpParseOptions options && options.LanguageVersion > cap)
            {
                solution = solution.WithProjectParseOptions(project.Id, options.WithLanguageVersion(cap));
            }
        }

        return solution;
    }
}
