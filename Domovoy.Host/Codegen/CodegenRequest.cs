namespace Domovoy.Host.Codegen;

/// <summary>The parsed <c>domovoy codegen</c> options.</summary>
/// <param name="Config">--config, or null for ./config.yml when it exists.</param>
/// <param name="Output">--output: a project folder or the snapshot's path.</param>
/// <param name="Url">--url, overriding config.yml's hass.url.</param>
/// <param name="TokenEnv">--token-env.</param>
/// <param name="TokenFile">--token-file.</param>
/// <param name="Check">--check: compare instead of writing.</param>
/// <param name="Timeout">--timeout.</param>
internal sealed record CodegenRequest(FileInfo? Config, string Output, Uri? Url, string? TokenEnv, FileInfo? TokenFile, bool Check, TimeSpan Timeout);
