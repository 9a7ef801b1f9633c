using System.Text.Json;
using System.Text.Json.Serialization;
using Domovoy.Host.Configuration;

namespace Domovoy.Host.Admin.State;

/// <summary>
/// The host's state file next to config.yml (<c>domovoy.state.json</c>): what the operator changed at run time and what
/// must survive a restart, today the disabled apps: <c>{"disabled_apps": ["heartbeat"]}</c>. Written atomically
/// (temporary file, then rename), so a crash mid-write leaves the previous content.
/// </summary>
internal static class AppStateFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The disabled app names in the file; empty when the file does not exist.</summary>
    /// <exception cref="HostConfigException">The file exists but is not valid JSON of the expected shape.</exception>
    public static IReadOnlySet<string> LoadDisabledApps(string path)
    {
        if (!File.Exists(path))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        try
        {
            var content = JsonSerializer.Deserialize<StateContent>(File.ReadAllText(path), Json);
            return new HashSet<string>(content?.DisabledApps?.Where(n => !string.IsNullOrWhiteSpace(n)) ?? [], StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new HostConfigException($"State file '{path}' is not valid ({ex.Message}). It is expected to hold {{\"disabled_apps\": [\"app_name\", …]}}; fix it, or delete it to start every app.");
        }
    }

    /// <summary>Writes the disabled app names (sorted).</summary>
    /// <exception cref="IOException">The file or its folder cannot be written.</exception>
    public static void SaveDisabledApps(string path, IEnumerable<string> disabledApps)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new StateContent { DisabledApps = disabledApps.Order(StringComparer.Ordinal).ToList() }, Json));
        File.Move(temporary, path, overwrite: true);
    }

    private sealed class StateContent
    {
        [JsonPropertyName("disabled_apps")]
        public List<string>? DisabledApps { get; init; }
    }
}
