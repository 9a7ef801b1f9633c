using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;

namespace Domovoy.Testing;

public sealed partial class DomovoyTestHome
{
    /// <summary>
    /// Asserts that an app called a service, optionally on an entity, by a given app, with given data fields.
    /// </summary>
    /// <param name="domain">The service domain, e.g. <c>light</c>.</param>
    /// <param name="service">The service, e.g. <c>turn_on</c>.</param>
    /// <param name="entityId">The entity the call must target, or null for any.</param>
    /// <param name="data">Data fields the call must have (others may be present), as an object or dictionary serialized
    /// like the host serializes service data (snake_case names), e.g. <c>new { brightness_pct = 80 }</c>; null for any.</param>
    /// <param name="app">The app that must have made the call, or null for any.</param>
    /// <returns>The latest matching call.</returns>
    /// <exception cref="DomovoyAssertionException">No such call; the message lists the calls that were made and the log.</exception>
    public RecordedServiceCall AssertServiceCalled(string domain, string service, string? entityId = null, object? data = null, string? app = null)
    {
        var expected = ExpectedData(data);
        var match = Matching(domain, service, entityId, app).LastOrDefault(c => HasFields(c, expected));
        return match ?? throw Failure($"Expected a {Expectation(domain, service, entityId, app)}{(expected is { } e ? " with data " + e.GetRawText() : string.Empty)}, but no such call was made.", app);
    }

    /// <summary>Asserts that no app called a service (of a domain, or one service), optionally on one entity.</summary>
    /// <param name="domain">The service domain, e.g. <c>light</c>.</param>
    /// <param name="service">The service, or null for every service of the domain.</param>
    /// <param name="entityId">The entity, or null for any target.</param>
    /// <param name="app">The app, or null for any.</param>
    /// <exception cref="DomovoyAssertionException">Such a call was made; the message names it.</exception>
    public void AssertNoServiceCall(string domain, string? service = null, string? entityId = null, string? app = null)
    {
        var calls = Matching(domain, service, entityId, app).ToArray();
        if (calls.Length > 0)
        {
            throw Failure($"Expected no {Expectation(domain, service, entityId, app)}, but found {calls.Length}: {calls[^1]}", app);
        }
    }

    /// <summary>Asserts how many times a service was called (optionally on one entity, by one app).</summary>
    /// <param name="expectedCount">The expected number of calls.</param>
    /// <param name="domain">The service domain.</param>
    /// <param name="service">The service.</param>
    /// <param name="entityId">The entity, or null for any target.</param>
    /// <param name="app">The app, or null for any.</param>
    /// <exception cref="DomovoyAssertionException">The count differs.</exception>
    public void AssertServiceCallCount(int expectedCount, string domain, string service, string? entityId = null, string? app = null)
    {
        var actual = Matching(domain, service, entityId, app).Count();
        if (actual != expectedCount)
        {
            throw Failure($"Expected {expectedCount} × {Expectation(domain, service, entityId, app)}, but found {actual}.", app);
        }
    }

    /// <summary>Asserts an entity's state as the apps see it.</summary>
    /// <param name="entityId">The entity id.</param>
    /// <param name="expected">The expected state text, e.g. <c>off</c>.</param>
    /// <exception cref="DomovoyAssertionException">The state differs or the entity does not exist.</exception>
    public void AssertState(string entityId, string expected)
    {
        var state = GetState(entityId);
        if (state?.State != expected)
        {
            throw Failure($"Expected {entityId} to be '{expected}', but it is {(state is null ? "missing (no such entity)" : $"'{state.State}'")}.");
        }
    }

    /// <summary>Asserts one attribute of an entity (compared as JSON: <c>80</c> equals <c>80.0</c>).</summary>
    /// <param name="entityId">The entity id.</param>
    /// <param name="attribute">The attribute name, e.g. <c>brightness</c>.</param>
    /// <param name="expected">The expected value (serialized to JSON), or null for a null or missing attribute.</param>
    /// <exception cref="DomovoyAssertionException">The attribute differs or the entity does not exist.</exception>
    public void AssertAttribute(string entityId, string attribute, object? expected)
    {
        var state = GetState(entityId) ?? throw Failure($"Expected {entityId}.{attribute} to be {Json(expected)}, but {entityId} does not exist.");
        var actual = state.Attributes.TryGetValue(attribute, out var value) ? value : (JsonElement?)null;
        var wanted = expected is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(expected, expected.GetType());
        var same = (actual, wanted) switch
        {
            (null, null) => true,
            ({ ValueKind: JsonValueKind.Null }, null) => true,
            ({ } a, { } w) => JsonEquals(a, w),
            _ => false,
        };
        if (!same)
        {
            throw Failure($"Expected {entityId}.{attribute} to be {Json(expected)}, but it is {(actual is { } a2 ? a2.GetRawText() : "missing")}.");
        }
    }

    /// <summary>Asserts an app's lifecycle status.</summary>
    /// <param name="app">The app's name.</param>
    /// <param name="expected">The expected status.</param>
    /// <exception cref="DomovoyAssertionException">The status differs.</exception>
    public void AssertAppStatus(string app, AppStatus expected)
    {
        var actual = GetAppStatus(app);
        if (actual != expected)
        {
            throw Failure($"Expected app {app} to be {expected}, but it is {actual}.", app);
        }
    }

    /// <summary>Asserts that an app logged a line containing <paramref name="text"/> (ordinal comparison).</summary>
    /// <param name="app">The app's name.</param>
    /// <param name="text">Text the line contains.</param>
    /// <returns>The latest matching line.</returns>
    /// <exception cref="DomovoyAssertionException">No such line.</exception>
    public AppLogLine AssertLogged(string app, string text)
        => LogsOf(app).LastOrDefault(l => l.Message.Contains(text, StringComparison.Ordinal))
            ?? throw Failure($"Expected app {app} to log a line containing '{text}', but it did not.", app);

    private IEnumerable<RecordedServiceCall> Matching(string domain, string? service, string? entityId, string? app)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return _calls.Calls.Where(c => c.Domain == domain
            && (service is null || c.Service == service)
            && (entityId is null || c.EntityIds.Contains(entityId, StringComparer.Ordinal))
            && (app is null || c.App == app));
    }

    private static string Expectation(string domain, string? service, string? entityId, string? app)
        => $"call of {domain}.{service ?? "*"}{(entityId is null ? string.Empty : $" on {entityId}")}{(app is null ? string.Empty : $" by app {app}")}";

    private static JsonElement? ExpectedData(object? data) => data switch
    {
        null => null,
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(data, data.GetType(), HassJson.CreateSerializerOptions()),
    };

    private static bool HasFields(RecordedServiceCall call, JsonElement? expected)
    {
        if (expected is not { ValueKind: JsonValueKind.Object } fields)
        {
            return true;
        }

        return fields.EnumerateObject().All(f => call.DataField(f.Name) is { } actual && JsonEquals(actual, f.Value));
    }

    /// <summary>JSON equality where numbers compare by value (<c>80</c> = <c>80.0</c>).</summary>
    private static bool JsonEquals(JsonElement a, JsonElement b)
        => a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number
            ? a.GetDecimal() == b.GetDecimal()
            : JsonElement.DeepEquals(a, b);

    private static string Json(object? value) => value is null ? "null" : JsonSerializer.Serialize(value, value.GetType());
}
