using System.Collections.Generic;
using Domovoy.Generators.Model;

namespace Domovoy.Generators.Emit;

/// <summary>The entity-id type from Domovoy.Abstractions for each entity (README "Typed entities and services" has the
/// table; a test checks every type here exists in Abstractions and accepts its domain).</summary>
internal static class EntityTypes
{
    /// <summary>The namespace of the entity types.</summary>
    public const string Namespace = "global::Domovoy.Abstractions.";

    /// <summary>The base of every entity id; the type for a target or entity field that accepts several domains.</summary>
    public const string AnyEntity = Namespace + "EntityId";

    /// <summary>Domains with their own type in Abstractions (sensor is decided per entity by its state kind).</summary>
    public static readonly IReadOnlyDictionary<string, string> ByDomain = new Dictionary<string, string>
    {
        ["automation"] = "AutomationEntity",
        ["binary_sensor"] = "BinarySensorEntity",
        ["button"] = "ButtonEntity",
        ["climate"] = "ClimateEntity",
        ["cover"] = "CoverEntity",
        ["device_tracker"] = "DeviceTrackerEntity",
        ["fan"] = "FanEntity",
        ["input_boolean"] = "InputBooleanEntity",
        ["input_button"] = "InputButtonEntity",
        ["input_number"] = "InputNumberEntity",
        ["input_select"] = "InputSelectEntity",
        ["input_text"] = "InputTextEntity",
        ["light"] = "LightEntity",
        ["lock"] = "LockEntity",
        ["media_player"] = "MediaPlayerEntity",
        ["number"] = "NumberEntity",
        ["person"] = "PersonEntity",
        ["select"] = "SelectEntity",
        ["sun"] = "SunEntity",
        ["switch"] = "SwitchEntity",
    };

    /// <summary>The type of one entity's generated member.</summary>
    public static string For(EntityModel entity)
    {
        if (entity.Domain == "sensor")
        {
            return Namespace + entity.StateKind switch
            {
                "number" => "SensorEntity<double>",
                "timestamp" => "SensorEntity<global::System.DateTimeOffset>",
                _ => "TextSensorEntity",
            };
        }

        return ForDomain(entity.Domain) ?? Namespace + "Entity";
    }

    /// <summary>The one type every entity of <paramref name="domain"/> has, or null when it varies (sensor) or the domain
    /// has no type of its own (then entities are <c>Entity</c>, which any domain shares).</summary>
    public static string? ForDomain(string domain) => ByDomain.TryGetValue(domain, out var type) ? Namespace + type : null;

    /// <summary>The parameter type for a service target or entity field accepting <paramref name="domains"/> (empty = any):
    /// the domain's own type when there is exactly one such domain, else <see cref="AnyEntity"/>.</summary>
    public static string ForDomains(IReadOnlyList<string> domains)
        => domains.Count == 1 && ForDomain(domains[0]) is { } type ? type : AnyEntity;
}
