using System.Text.Json;
using System.Text.Json.Nodes;
using Domovoy.Simulator.Events;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.Services;

namespace Domovoy.Simulator.WebSockets;

/// <summary>
/// connection.py async_handle plus the command handlers of commands.py and the registry components.
/// Every method runs under the core gate, so a command's events are queued before its result.
/// </summary>
internal sealed class CommandHandlers
{
    private readonly WsConnection _connection;
    private readonly SimulatorCore _core;
    private readonly Dictionary<string, (string[] Keys, Action<int, JsonObject> Run)> _handlers;

    public CommandHandlers(WsConnection connection, SimulatorCore core)
    {
        _connection = connection;
        _core = core;
        _handlers = new(StringComparer.Ordinal)
        {
            ["supported_features"] = (["features"], SupportedFeatures),
            ["ping"] = ([], (id, _) => Reply(new JsonObject { ["id"] = id, ["type"] = "pong" })),
            ["get_states"] = ([], (id, _) => Result(id, new JsonArray(_core.States.All.Select(s => (JsonNode?)s.ToJson()).ToArray()))),
            ["get_config"] = ([], (id, _) => Result(id, _core.ConfigJson())),
            ["get_services"] = ([], (id, _) => Result(id, _core.Services.Describe())),
            ["subscribe_events"] = (["event_type"], SubscribeEvents),
            ["unsubscribe_events"] = (["subscription"], UnsubscribeEvents),
            ["call_service"] = (["domain", "service", "service_data", "target", "return_response"], CallService),
            ["fire_event"] = (["event_type", "event_data"], FireEvent),
            ["subscribe_trigger"] = (["trigger", "variables"], SubscribeTrigger),
            ["subscribe_entities"] = (["entity_ids", "include", "exclude"], SubscribeEntities),
            ["render_template"] = (["template", "variables", "timeout", "strict", "report_errors", "entity_ids"], RenderTemplate),
            ["execute_script"] = (["sequence", "variables"], ExecuteScript),
            ["auth/current_user"] = ([], (id, _) => Result(id, CurrentUser())),
            ["config/entity_registry/list"] = ([], (id, _) => Result(id, List(_core.Registry.Entities))),
            ["config/device_registry/list"] = ([], (id, _) => Result(id, List(_core.Registry.Devices))),
            ["config/area_registry/list"] = ([], (id, _) => Result(id, List(_core.Registry.Areas))),
            ["config/floor_registry/list"] = ([], (id, _) => Result(id, List(_core.Registry.Floors))),
            ["config/label_registry/list"] = ([], (id, _) => Result(id, List(_core.Registry.Labels))),
            ["config/entity_registry/update"] = (["entity_id", "disabled_by", "hidden_by", "name", "icon", "area_id", "new_entity_id", "aliases", "labels", "categories", "options_domain", "options", "device_class"], UpdateEntityRegistryEntry),
            ["servent/hass-state"] = ([], (id, _) => Result(id, new JsonObject { ["is_hass_up"] = _core.Servents.IsHassUp })),
        };
    }

    /// <summary>One command (an element of an array frame counts as one).</summary>
    public void Handle(JsonNode? message)
    {
        var obj = message as JsonObject;
        var type = obj?["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        _connection.Manager.RecordCommand(type, obj);
        if (obj is null)
        {
            Reply(Error(JsonValue.Create(0), "invalid_format", "Message incorrectly formatted."));
            return;
        }

        if (obj["id"] is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.Number || !idValue.TryGetValue<long>(out var longId)
            || longId <= 0 || longId > int.MaxValue || string.IsNullOrEmpty(type))
        {
            Reply(Error(obj["id"]?.DeepClone(), "invalid_format", "Message incorrectly formatted."));
            return;
        }

        var id = (int)longId;
        if (id <= _connection.LastId)
        {
            Reply(Error(id, "id_reuse", "Identifier values have to increase."));
            return;
        }

        if (!_handlers.TryGetValue(type, out var handler))
        {
            Reply(Error(id, "unknown_command", "Unknown command."));
            return;
        }

        try
        {
            CheckKeys(obj, handler.Keys);
            handler.Run(id, obj);
        }
        catch (HaErrorException ex)
        {
            Reply(ErrorMessage(id, ex.ToErrorJson()));
        }
        catch (States.InvalidStateException ex)
        {
            Reply(Error(id, "home_assistant_error", ex.Message));
        }
#pragma warning disable CA1031 // Like connection.py, any other failure becomes unknown_error instead of killing the socket.
        catch (Exception)
        {
            Reply(Error(id, "unknown_error", "Unknown error"));
        }
#pragma warning restore CA1031

        // connection.py advances last_id even when the handler failed.
        _connection.LastId = id;
    }

    private static void CheckKeys(JsonObject message, string[] allowed)
    {
        foreach (var (key, value) in message)
        {
            if (key is not ("id" or "type") && !allowed.Contains(key))
            {
                throw HaErrorException.InvalidFormat($"extra keys not allowed @ data['{key}']. Got {HaJson.PythonRepr(value)}");
            }
        }
    }

    private void SupportedFeatures(int id, JsonObject message)
    {
        if (message["features"] is not JsonObject features)
        {
            throw HaErrorException.InvalidFormat($"expected dict for dictionary value @ data['features']. Got {HaJson.PythonRepr(message["features"])}");
        }

        foreach (var (key, value) in features)
        {
            if (value is not JsonValue v || !v.TryGetValue<int>(out _))
            {
                throw HaErrorException.InvalidFormat($"expected int for dictionary value @ data['features']['{key}']. Got {HaJson.PythonRepr(value)}");
            }
        }

        // The result is queued before coalescing starts, so it always goes out as a plain object.
        Result(id, null);
        _connection.Coalesce = features["coalesce_messages"] is JsonValue flag && flag.GetValue<int>() != 0;
    }

    private void SubscribeEvents(int id, JsonObject message)
    {
        var eventType = EventBus.MatchAll;
        if (message.TryGetPropertyValue("event_type", out var given))
        {
            eventType = HaJson.TryGetString(given, out var text)
                ? text
                : throw HaErrorException.InvalidFormat($"expected str for dictionary value @ data['event_type']. Got {HaJson.PythonRepr(given)}");
        }

        _connection.Subscriptions[id] = _core.Bus.Listen(eventType, e => _connection.Send(Event(id, e.ToJson())));
        Result(id, null);
    }

    private void UnsubscribeEvents(int id, JsonObject message)
    {
        var subscriptionNode = message["subscription"];
        if (subscriptionNode is not JsonValue value || !value.TryGetValue<int>(out var subscription))
        {
            throw subscriptionNode is null
                ? HaErrorException.InvalidFormat("required key not provided @ data['subscription']. Got None")
                : HaErrorException.InvalidFormat($"expected int for dictionary value @ data['subscription']. Got {HaJson.PythonRepr(subscriptionNode)}");
        }

        if (!_connection.Subscriptions.Remove(subscription, out var listener))
        {
            throw new HaErrorException("not_found", "Subscription not found.");
        }

        listener.Dispose();
        Result(id, null);
    }

    private void CallService(int id, JsonObject message)
    {
        var domain = RequiredString(message, "domain");
        var service = RequiredString(message, "service");
        var data = OptionalObject(message, "service_data") ?? [];
        if (OptionalObject(message, "target") is { } target)
        {
            foreach (var (key, value) in target)
            {
                if (key is not ("entity_id" or "device_id" or "area_id" or "floor_id" or "label_id"))
                {
                    throw HaErrorException.InvalidFormat($"extra keys not allowed @ data['target']['{key}']. Got {HaJson.PythonRepr(value)}");
                }

                if (HaJson.TryGetString(value, out var text) && text.Contains("{{", StringComparison.Ordinal))
                {
                    throw HaErrorException.InvalidFormat("Templates are not supported here @ data['target']");
                }

                data[key] = value?.DeepClone();
            }
        }

        var returnResponse = false;
        if (message.TryGetPropertyValue("return_response", out var flag) && !HaJson.TryGetBool(flag, out returnResponse))
        {
            throw HaErrorException.InvalidFormat($"expected bool for dictionary value @ data['return_response']. Got {HaJson.PythonRepr(flag)}");
        }

        var context = _core.NewContext(SimulatorCore.TokenUserId);
        var response = _core.CallService(domain, service, data, context, returnResponse);
        var result = new JsonObject { ["context"] = context.ToJson() };
        if (returnResponse)
        {
            result["response"] = response;
        }

        Result(id, result);
    }

    private void FireEvent(int id, JsonObject message)
    {
        var eventType = RequiredString(message, "event_type");
        var data = OptionalObject(message, "event_data") ?? [];
        var context = _core.NewContext(SimulatorCore.TokenUserId);
        _core.Fire(eventType, data, context, origin: "REMOTE");
        Result(id, new JsonObject { ["context"] = context.ToJson() });
    }

    private void SubscribeTrigger(int id, JsonObject message)
    {
        var trigger = StateTrigger.Parse(message["trigger"]);
        var variables = OptionalObject(message, "variables") ?? [];
        _connection.Subscriptions[id] = trigger.Attach(_core, variables, payload => _connection.Send(Event(id, payload)));
        Result(id, null);
    }

    private void SubscribeEntities(int id, JsonObject message)
    {
        var filter = EntityFilter.Parse(message);

        // HA sends the result and the initial "a" event back to back; a delayed result delays both.
        Reply(ResultMessage(id, null), () =>
        {
            if (_connection.IsClosing)
            {
                return;
            }

            var initial = new JsonObject();
            foreach (var state in _core.States.All.Where(s => filter.Matches(s.EntityId)))
            {
                initial[state.EntityId] = state.ToCompressed();
            }

            _connection.Send(Event(id, new JsonObject { ["a"] = initial }));
            _connection.Subscriptions[id] = _core.Bus.Listen(EventBus.StateChanged, e =>
            {
                var entityId = e.NewState?.EntityId ?? e.OldState?.EntityId;
                if (entityId is not null && filter.Matches(entityId))
                {
                    _connection.Send(Event(id, EntityDiff.For(e.OldState, e.NewState)));
                }
            });
        });
    }

    private void RenderTemplate(int id, JsonObject message)
    {
        var renderer = new TemplateRenderer(RequiredString(message, "template"));

        // The first render happens before the result, so a broken template fails the command (template_error).
        var rendered = renderer.Render(_core);
        Result(id, null);
        _connection.Send(Event(id, new JsonObject { ["result"] = rendered?.DeepClone(), ["listeners"] = Listeners(renderer) }));
        var last = rendered;
        _connection.Subscriptions[id] = _core.Bus.Listen(EventBus.StateChanged, e =>
        {
            var entityId = e.NewState?.EntityId ?? e.OldState?.EntityId;
            if (entityId is null || !renderer.Entities.Contains(entityId))
            {
                return;
            }

            try
            {
                var next = renderer.Render(_core);
                if (!JsonNode.DeepEquals(next, last))
                {
                    last = next;
                    _connection.Send(Event(id, new JsonObject { ["result"] = next?.DeepClone(), ["listeners"] = Listeners(renderer) }));
                }
            }
            catch (HaErrorException ex)
            {
                _connection.Send(Event(id, new JsonObject { ["error"] = ex.Message, ["level"] = "ERROR" }));
            }
        });
    }

    private static JsonObject Listeners(TemplateRenderer renderer) => new()
    {
        ["all"] = false,
        ["domains"] = new JsonArray(),
        ["entities"] = new JsonArray(renderer.Entities.Order(StringComparer.Ordinal).Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
        ["time"] = false,
    };

    private void ExecuteScript(int id, JsonObject message)
    {
        var variables = OptionalObject(message, "variables") ?? [];
        var context = _core.NewContext(SimulatorCore.TokenUserId);
        var response = ScriptRunner.Run(_core, message["sequence"], variables, context);
        Result(id, new JsonObject { ["context"] = context.ToJson(), ["response"] = response });
    }

    private static JsonObject CurrentUser() => new()
    {
        ["id"] = SimulatorCore.TokenUserId,
        ["name"] = "Simulator Owner",
        ["is_owner"] = true,
        ["is_admin"] = true,
        ["credentials"] = new JsonArray(new JsonObject { ["auth_provider_type"] = "homeassistant", ["auth_provider_id"] = null }),
        ["mfa_modules"] = new JsonArray(new JsonObject { ["id"] = "totp", ["name"] = "Authenticator app", ["enabled"] = false }),
    };

    private static string RequiredString(JsonObject message, string key)
    {
        if (!message.TryGetPropertyValue(key, out var value) || value is null)
        {
            throw HaErrorException.InvalidFormat($"required key not provided @ data['{key}']. Got None");
        }

        return HaJson.TryGetString(value, out var text)
            ? text
            : throw HaErrorException.InvalidFormat($"expected str for dictionary value @ data['{key}']. Got {HaJson.PythonRepr(value)}");
    }

    private static JsonObject? OptionalObject(JsonObject message, string key)
    {
        if (!message.TryGetPropertyValue(key, out var value))
        {
            return null;
        }

        return value as JsonObject is { } obj
            ? (JsonObject)obj.DeepClone()
            : throw HaErrorException.InvalidFormat($"expected dict for dictionary value @ data['{key}']. Got {HaJson.PythonRepr(value)}");
    }

    /// <summary>
    /// config/entity_registry/update for the simple fields. Enabling a disabled entity returns reload_delay like core;
    /// a servents entity is then added at once (core reloads the config entry after 30 s).
    /// </summary>
    private void UpdateEntityRegistryEntry(int id, JsonObject message)
    {
        var entityId = Schemas.String(message, "entity_id");
        var entry = _core.Registry.Entities.FirstOrDefault(e => HaJson.PythonStr(e["entity_id"]) == entityId)
            ?? throw new HaErrorException("not_found", "Entity not found");
        var wasDisabled = entry["disabled_by"] is not null;
        foreach (var key in new[] { "disabled_by", "hidden_by", "name", "icon", "area_id" })
        {
            if (message.ContainsKey(key))
            {
                entry[key] = message[key]?.DeepClone();
            }
        }

        entry["modified_at"] = HaJson.Float(HaJson.EpochSeconds(_core.Now()));
        var result = new JsonObject { ["entity_entry"] = entry.DeepClone() };
        if (wasDisabled && entry["disabled_by"] is null)
        {
            result["require_restart"] = false;
            result["reload_delay"] = 30;
            _core.Servents.OnEnabled(entityId);
        }

        Result(id, result);
    }

    private static JsonArray List(List<JsonObject> items) => new(items.Select(i => (JsonNode?)i.DeepClone()).ToArray());

    private static JsonObject Event(int id, JsonObject payload) => new() { ["id"] = id, ["type"] = "event", ["event"] = payload };

    private static JsonObject ResultMessage(int id, JsonNode? result) =>
        new() { ["id"] = id, ["type"] = "result", ["success"] = true, ["result"] = result };

    private static JsonObject ErrorMessage(JsonNode? id, JsonObject error) =>
        new() { ["id"] = id, ["type"] = "result", ["success"] = false, ["error"] = error };

    private static JsonObject Error(JsonNode? id, string code, string message) =>
        ErrorMessage(id, new JsonObject { ["code"] = code, ["message"] = message });

    private void Result(int id, JsonNode? result) => Reply(ResultMessage(id, result));

    /// <summary>Sends a command's reply, honouring the test controls ResultDelay and WithholdResults.</summary>
    private void Reply(JsonObject reply, Action? afterReply = null)
    {
        var manager = _connection.Manager;
        if (manager.WithholdResults)
        {
            afterReply?.Invoke();
            return;
        }

        var delay = manager.ResultDelay;
        if (delay <= TimeSpan.Zero)
        {
            _connection.Send(reply);
            afterReply?.Invoke();
            return;
        }

        var json = HaJson.Serialize(reply);
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay).ConfigureAwait(false);
            lock (_core.Gate)
            {
                _connection.Enqueue(json);
                afterReply?.Invoke();
            }
        });
    }
}
