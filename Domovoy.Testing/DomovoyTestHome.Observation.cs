using System.Text;
using System.Text.Json;
using Domovoy.Abstractions;

namespace Domovoy.Testing;

public sealed partial class DomovoyTestHome
{
    /// <summary>
    /// The service calls the apps made, oldest first, with the app that made each. The ServEnts API's own calls to the
    /// <c>servents</c> integration are left out (see <see cref="ServEntEntities"/>).
    /// </summary>
    public IReadOnlyList<RecordedServiceCall> ServiceCalls => _calls.Calls.Where(c => c.Domain != "servents").ToArray();

    /// <summary>Every line the apps logged (and the host logged about them), oldest first; Information and above.</summary>
    public IReadOnlyList<AppLogLine> Logs => _logs.Lines;

    /// <summary>The exceptions the apps' callbacks and background work threw, oldest first.</summary>
    public IReadOnlyList<AppCallbackError> CallbackErrors => _logs.Errors;

    /// <summary>Forgets the service calls recorded so far (e.g. those the apps made while starting).</summary>
    public void ClearServiceCalls() => _calls.Clear();

    /// <summary>The lines one app logged, oldest first.</summary>
    /// <param name="app">The app's name.</param>
    /// <returns>The lines.</returns>
    public IReadOnlyList<AppLogLine> LogsOf(string app) => _logs.Lines.Where(l => l.App == app).ToArray();

    /// <summary>An entity's state as the apps see it (the client's state cache), or null when it does not exist.</summary>
    /// <param name="entityId">The entity id.</param>
    /// <returns>The state with attributes, or null.</returns>
    public EntityState? GetState(string entityId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityId);
        return _cache.GetState(entityId);
    }

    /// <summary>An app's lifecycle status (<see cref="AppStatus.Running"/>, <see cref="AppStatus.Failed"/>, …).</summary>
    /// <param name="app">The app's name.</param>
    /// <returns>The status.</returns>
    /// <exception cref="DomovoyAssertionException">No app has that name.</exception>
    public AppStatus GetAppStatus(string app)
    {
        lock (_status)
        {
            if (_status.TryGetValue(app, out var status))
            {
                return status;
            }

            throw Failure($"No app named '{app}'. Apps: {string.Join(", ", _status.Keys.Order(StringComparer.Ordinal))}");
        }
    }

    /// <summary>The entities the apps created through ServEnts (all apps, or one), in creation order, without repeats.</summary>
    /// <param name="app">The app's name, or null for every app.</param>
    /// <returns>The entities, with their entity id once Home Assistant added them.</returns>
    public IReadOnlyList<ServEntEntityInfo> ServEntEntities(string? app = null)
    {
        var found = new List<ServEntEntityInfo>();
        foreach (var call in _calls.Calls.Where(c => c.Domain == "servents" && c.Service == "create_entity" && (app is null || c.App == app)))
        {
            if (call.DataField("entities") is not { ValueKind: JsonValueKind.Array } entities)
            {
                continue;
            }

            foreach (var entity in entities.EnumerateArray())
            {
                var serventId = Text(entity, "servent_id");
                if (serventId is null || found.Any(f => f.ServEntId == serventId))
                {
                    continue;
                }

                var entityId = _cache.GetAll().FirstOrDefault(s => s.Attributes.TryGetValue("servent_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == serventId)?.EntityId;
                found.Add(new ServEntEntityInfo(call.App, serventId, Text(entity, "entity_type") ?? "?", Text(entity, "name") ?? serventId, entityId));
            }
        }

        return found;
    }

    /// <summary>
    /// The entity id of a ServEnts entity an app created, found by its display name (e.g. <c>Reset Count</c>) or by the id
    /// the app gave it (e.g. <c>motion_events</c>, or a button's event name <c>reset_count</c>).
    /// </summary>
    /// <param name="app">The app's name.</param>
    /// <param name="nameOrId">The entity's display name or id.</param>
    /// <returns>The entity id, e.g. <c>sensor.motion_events</c>.</returns>
    /// <exception cref="DomovoyAssertionException">The app created no such entity, or Home Assistant has not added it.</exception>
    public string ServEntEntityId(string app, string nameOrId)
    {
        var entities = ServEntEntities(app);
        var match = entities.FirstOrDefault(e => e.Name == nameOrId || e.ServEntId.EndsWith("-" + nameOrId, StringComparison.Ordinal) || e.ServEntId.EndsWith("." + nameOrId, StringComparison.Ordinal));
        if (match?.EntityId is { } entityId)
        {
            return entityId;
        }

        var known = entities.Count == 0 ? "none" : string.Join(", ", entities.Select(e => $"'{e.Name}' ({e.ServEntId} → {e.EntityId ?? "not in Home Assistant"})"));
        throw Failure($"App {app} created no ServEnts entity named '{nameOrId}' that Home Assistant knows. Its ServEnts entities: {known}", app);
    }

    private static string? Text(JsonElement element, string property)
        => element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The calls made and the log (of one app, or all), for failure messages.</summary>
    private string Describe(string? app = null)
    {
        var text = new StringBuilder();
        var calls = ServiceCalls;
        text.Append(calls.Count == 0 ? "Service calls made: none." : "Service calls made:\n  " + string.Join("\n  ", calls.TakeLast(20)));
        var lines = app is null ? Logs.Where(l => l.App is not null || l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).ToArray() : LogsOf(app);
        text.Append('\n').Append(app is null ? "Apps' log" : $"Log of {app}").Append(lines.Count == 0 ? ": empty." : ":\n  " + string.Join("\n  ", lines.TakeLast(30)));
        text.Append($"\nClock: {Now:yyyy-MM-ddTHH:mm:ssK}.");
        return text.ToString();
    }

    private DomovoyAssertionException Failure(string message, string? app = null)
        => new(message + "\n" + Describe(app));
}
