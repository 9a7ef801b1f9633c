using System.Text.Json.Nodes;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.Services;

/// <summary>light.turn_on / turn_off / toggle, simplified from components/light.</summary>
internal static class LightServices
{
    private static readonly string[] ColorAttributes = ["color_temp_kelvin", "color_temp", "hs_color", "rgb_color", "rgbw_color", "rgbww_color", "xy_color", "effect"];

    public static void Register(ServiceRegistry registry)
    {
        var fields = Fields.Of(
            ("brightness", false, 120, Fields.Number(0, 255)),
            ("brightness_pct", false, 47, Fields.Number(0, 100)),
            ("color_temp_kelvin", false, 4000, Fields.Number(2000, 6500)),
            ("rgb_color", false, new JsonArray(255, 100, 100), Fields.Object()),
            ("transition", false, 60, Fields.Number(0, 300)),
            ("effect", false, null, Fields.Text()));
        registry.Register(new ServiceDefinition("light", "turn_on", call => Each(call, TurnOn))
        {
            EntityDomain = "light", Name = "Turn on", Description = "Turns on one or more lights and adjusts their properties, even when they are turned on already.", Fields = fields,
        });
        registry.Register(new ServiceDefinition("light", "turn_off", call => Each(call, TurnOff))
        {
            EntityDomain = "light", Name = "Turn off", Description = "Turns off one or more lights.", Fields = Fields.Of(("transition", false, 60, Fields.Number(0, 300))),
        });
        registry.Register(new ServiceDefinition("light", "toggle", call => Each(call, (c, s) => (s.State == "on" ? (Action<ServiceCall, EntityState>)TurnOff : TurnOn)(c, s)))
        {
            EntityDomain = "light", Name = "Toggle", Description = "Toggles one or more lights, from on to off, or off to on, based on their current state.", Fields = (JsonObject)fields.DeepClone(),
        });
    }

    private static JsonNode? Each(ServiceCall call, Action<ServiceCall, EntityState> action)
    {
        foreach (var state in call.Entities.ToList())
        {
            action(call, state);
        }

        return null;
    }

    private static void TurnOn(ServiceCall call, EntityState state)
    {
        var data = call.Data;
        var attributes = call.CopyAttributes(state);
        var current = attributes["brightness"] is JsonValue b && Json.HaJson.TryGetNumber(b, out var cb) ? (int)cb : (int?)null;
        int? brightness = null;
        if (Schemas.OptionalFloat(data, "brightness_pct") is { } pct)
        {
            brightness = (int)Math.Round(Math.Clamp(pct, 0, 100) * 255 / 100, MidpointRounding.ToEven);
        }
        else if (Schemas.OptionalFloat(data, "brightness") is { } absolute)
        {
            brightness = (int)Math.Clamp(absolute, 0, 255);
        }
        else if (Schemas.OptionalFloat(data, "brightness_step_pct") is { } stepPct)
        {
            brightness = (int)Math.Clamp((current ?? 0) + Math.Round(stepPct * 255 / 100), 0, 255);
        }
        else if (Schemas.OptionalFloat(data, "brightness_step") is { } step)
        {
            brightness = (int)Math.Clamp((current ?? 0) + step, 0, 255);
        }

        if (brightness == 0)
        {
            TurnOff(call, state);
            return;
        }

        var modes = attributes["supported_color_modes"] as JsonArray;
        bool Supports(string mode) => modes is null || modes.Any(m => m?.GetValue<string>() == mode);
        var dimmable = modes is null || modes.Any(m => m?.GetValue<string>() is not ("onoff" or null));
        if (dimmable)
        {
            attributes["brightness"] = brightness ?? current ?? 255;
        }

        string? colorMode = null;
        foreach (var (key, mode) in new[] { ("color_temp_kelvin", "color_temp"), ("rgb_color", "rgb"), ("hs_color", "hs"), ("xy_color", "xy") })
        {
            if (data[key] is { } value && Supports(mode))
            {
                attributes[key] = value.DeepClone();
                colorMode = mode;
            }
        }

        if (data["effect"] is { } effect)
        {
            attributes["effect"] = effect.DeepClone();
        }

        if (attributes.ContainsKey("color_mode") || modes is not null)
        {
            attributes["color_mode"] = colorMode
                ?? (attributes["color_mode"] as JsonValue)?.GetValue<string>()
                ?? modes?.FirstOrDefault()?.GetValue<string>();
        }

        call.SetState(state, "on", attributes);
    }

    private static void TurnOff(ServiceCall call, EntityState state)
    {
        var attributes = call.CopyAttributes(state);
        foreach (var key in new[] { "brightness", "color_mode" }.Concat(ColorAttributes))
        {
            if (attributes.ContainsKey(key) || key is "brightness" or "color_mode")
            {
                attributes[key] = null;
            }
        }

        call.SetState(state, "off", attributes);
    }
}
