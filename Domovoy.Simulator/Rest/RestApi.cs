using System.Text.Json;
using System.Text.Json.Nodes;
using Domovoy.Simulator.Events;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Domovoy.Simulator.Rest;

/// <summary>The REST API of components/api/__init__.py, behind "Authorization: Bearer &lt;token&gt;".</summary>
internal sealed class RestApi(SimulatorCore core)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/", () => Json(new JsonObject { ["message"] = "API running." }));
        app.MapGet("/api/config", () => Locked(() => Json(core.ConfigJson())));
        app.MapGet("/api/states", () => Locked(() => Json(new JsonArray(core.States.All.Select(s => (JsonNode?)s.ToJson()).ToArray()))));
        app.MapGet("/api/states/{entityId}", (string entityId) => Locked(() =>
            core.States.Get(entityId) is { } state ? Json(state.ToJson()) : Message("Entity not found.", StatusCodes.Status404NotFound)));
        app.MapPost("/api/states/{entityId}", (string entityId, HttpRequest request) => PostStateAsync(entityId, request));
        app.MapDelete("/api/states/{entityId}", (string entityId) => Locked(() =>
            core.States.Remove(entityId, core.NewContext(SimulatorCore.TokenUserId))
                ? Message("Entity removed.")
                : Message("Entity not found.", StatusCodes.Status404NotFound)));
        app.MapPost("/api/events/{eventType}", (string eventType, HttpRequest request) => PostEventAsync(eventType, request));
        app.MapGet("/api/services", () => Locked(() => Json(core.Services.DescribeRest())));
        app.MapPost("/api/services/{domain}/{service}", (string domain, string service, HttpRequest request) => PostServiceAsync(domain, service, request));
    }

    /// <summary>401 unless the request carries the simulator's token (the WebSocket authenticates in-band instead).</summary>
    public async Task AuthorizeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api", StringComparison.Ordinal) && !path.StartsWithSegments("/api/websocket", StringComparison.Ordinal)
            && context.Request.Headers.Authorization.ToString() != "Bearer " + core.Options.AccessToken)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("401: Unauthorized", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task<IResult> PostStateAsync(string entityId, HttpRequest request)
    {
        var (ok, data) = await ReadBodyAsync(request).ConfigureAwait(false);
        if (!ok)
        {
            return Message("Invalid JSON specified.", StatusCodes.Status400BadRequest);
        }

        if (data is not JsonObject body)
        {
            return Message("State data should be a JSON object.", StatusCodes.Status400BadRequest);
        }

        if (body["state"] is not { } stateNode)
        {
            return Message("No state attribute specified.", StatusCodes.Status400BadRequest);
        }

        var attributes = body["attributes"] as JsonObject;
        var forceUpdate = HaJson.TryGetBool(body["force_update"], out var force) && force;
        lock (core.Gate)
        {
            var isNew = core.States.Get(entityId) is null;
            try
            {
                core.States.Set(entityId, HaJson.PythonStr(stateNode), attributes, core.NewContext(SimulatorCore.TokenUserId), forceUpdate);
            }
            catch (ArgumentException)
            {
                return Message("Invalid entity ID specified.", StatusCodes.Status400BadRequest);
            }
            catch (InvalidStateException)
            {
                return Message("Invalid state specified.", StatusCodes.Status400BadRequest);
            }

            var stored = core.States.Get(entityId)!;
            request.HttpContext.Response.Headers.Location = $"/api/states/{stored.EntityId}";
            return Json(stored.ToJson(), isNew ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
    }

    private async Task<IResult> PostEventAsync(string eventType, HttpRequest request)
    {
        var (ok, data) = await ReadBodyAsync(request).ConfigureAwait(false);
        if (!ok)
        {
            return Message("Event data should be valid JSON.", StatusCodes.Status400BadRequest);
        }

        if (data is not null and not JsonObject)
        {
            return Message("Event data should be a JSON object", StatusCodes.Status400BadRequest);
        }

        lock (core.Gate)
        {
            core.Fire(eventType, (JsonObject?)data, core.NewContext(SimulatorCore.TokenUserId), origin: "REMOTE");
        }

        return Message($"Event {eventType} fired.");
    }

    private async Task<IResult> PostServiceAsync(string domain, string service, HttpRequest request)
    {
        var (ok, data) = await ReadBodyAsync(request).ConfigureAwait(false);
        if (!ok)
        {
            return Message("Data should be valid JSON.", StatusCodes.Status400BadRequest);
        }

        var returnResponse = request.Query.ContainsKey("return_response");
        lock (core.Gate)
        {
            var context = core.NewContext(SimulatorCore.TokenUserId);
            var changed = new JsonArray();
            using var listener = core.Bus.Listen(EventBus.StateChanged, e =>
            {
                if (e.Context == context && e.NewState is { } state)
                {
                    changed.Add(state.ToJson());
                }
            });
            try
            {
                var response = core.CallService(domain, service, data as JsonObject ?? [], context, returnResponse);
                return returnResponse
                    ? Json(new JsonObject { ["changed_states"] = changed, ["service_response"] = response })
                    : Json(changed);
            }
            catch (HaErrorException ex) when (ex.TranslationKey == "service_does_not_support_response")
            {
                return Message("Service does not support responses. Remove return_response from request.", StatusCodes.Status400BadRequest);
            }
            catch (HaErrorException ex) when (ex.TranslationKey == "service_lacks_response_request")
            {
                return Message("Service call requires responses but caller did not ask for responses. Add ?return_response to query parameters.", StatusCodes.Status400BadRequest);
            }
            catch (HaErrorException)
            {
                return Results.Text("400: Bad Request", "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }
        }
    }

    private IResult Locked(Func<IResult> action)
    {
        lock (core.Gate)
        {
            return action();
        }
    }

    private static async Task<(bool Ok, JsonNode? Data)> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, null);
        }

        try
        {
            return (true, JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            return (false, null);
        }
    }

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Text(HaJson.Serialize(node), "application/json", System.Text.Encoding.UTF8, status);

    private static IResult Message(string message, int status = StatusCodes.Status200OK) =>
        Json(new JsonObject { ["message"] = message }, status);
}
