using System;
using System.Collections.Generic;
using System.Linq;
using Domovoy.Generators.Emit;
using Domovoy.Generators.Model;

namespace Domovoy.Generators.Naming;

/// <summary>The C# names of every generated entity member, decided once per snapshot and shared by the emitters (so
/// <c>Areas.Kitchen.Light.Hallway</c> and <c>Entities.Light.Hallway</c> agree).</summary>
internal sealed class EntityNames
{
    /// <summary>The generated top-level classes in the app's namespace.</summary>
    public const string EntitiesClass = "Entities";

    /// <summary>The class of <c>Hass.GetAttributes(entity)</c>.</summary>
    public const string AttributeExtensionsClass = "HassEntityAttributeExtensions";

    private EntityNames(List<DomainNames> domains) => Domains = domains;

    /// <summary>The domains in ordinal order, each with its entities in entity id order.</summary>
    public List<DomainNames> Domains { get; }

    /// <summary>Names everything in <paramref name="snapshot"/>.</summary>
    public static EntityNames Create(SnapshotModel snapshot)
    {
        var groups = snapshot.Entities
            .GroupBy(e => e.Domain, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(e => e.EntityId, StringComparer.Ordinal).ToList())
            .ToList();
        var classNames = new NameScope(EntitiesClass).Assign(groups, g => g[0].Domain, g => Identifiers.Pascal(g[0].Domain));
        var domains = new List<DomainNames>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            domains.Add(NameDomain(groups[i], classNames[i]));
        }

        return new EntityNames(domains);
    }

    private static DomainNames NameDomain(List<EntityModel> entities, string className)
    {
        // The containing class's name is not a legal member name (CS0542); the helpers are reserved whether or not
        // this domain has them, so adding the first attribute does not rename an entity.
        var scope = new NameScope(className, EntitiesEmitter.AllMember, EntitiesEmitter.AttributesClass);
        var memberNames = scope.Assign(entities, e => e.ObjectId, e => Identifiers.Pascal(e.ObjectId));
        var named = new List<EntityName>(entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            var optionsClass = entities[i].Options.Count > 0 ? scope.Take(memberNames[i] + "Options") : null;
            named.Add(new EntityName(entities[i], memberNames[i], optionsClass));
        }

        var types = entities.Select(EntityTypes.For).Distinct().ToList();
        var elementType = types.Count == 1 ? types[0] : EntityTypes.AnyEntity;
        return new DomainNames(entities[0].Domain, className, named, elementType, NameAttributes(entities));
    }

    private static List<AttributeName> NameAttributes(List<EntityModel> entities)
    {
        var observed = entities
            .SelectMany(e => e.Attributes)
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Types: g.Select(a => a.Type).Where(t => t is not ("null" or "mixed")).Distinct().ToList(), Mixed: g.Any(a => a.Type == "mixed")))
            .ToList();
        var scope = new NameScope(EntitiesEmitter.AttributesClass, "State");
        var members = scope.Assign(observed, a => a.Name, a => Identifiers.Pascal(a.Name));
        var result = new List<AttributeName>(observed.Count);
        for (var i = 0; i < observed.Count; i++)
        {
            var type = observed[i].Types.Count == 1 && !observed[i].Mixed ? observed[i].Types[0] : "mixed";
            result.Add(new AttributeName(observed[i].Name, members[i], ClrType(type), type));
        }

        return result;
    }

    /// <summary>The C# type an attribute of an observed JSON type is read as (nullable added by the emitter).</summary>
    public static string ClrType(string observedType) => observedType switch
    {
        "number" => "double",
        "string" => "string",
        "boolean" => "bool",
        _ => "global::System.Text.Json.JsonElement",
    };
}

/// <summary>A domain's generated class and members.</summary>
internal sealed record DomainNames(string Domain, string ClassName, List<EntityName> Entities, string ElementType, List<AttributeName> Attributes);

/// <summary>An entity's member name and, for entities with options, the name of its constants class.</summary>
internal sealed record EntityName(EntityModel Model, string Name, string? OptionsClass);

/// <summary>An attribute's HA name, property name and types.</summary>
internal sealed record AttributeName(string Name, string Member, string ClrType, string ObservedType);
