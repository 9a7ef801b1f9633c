using System;
using System.Collections.Generic;
using System.Linq;
using Domovoy.Generators.Model;
using Domovoy.Generators.Naming;

namespace Domovoy.Generators.Emit;

/// <summary>Emits <c>Entities.&lt;Domain&gt;.&lt;Entity&gt;</c> typed entity ids, the option constants of enum/select
/// entities, and per-domain typed attribute readers.</summary>
internal static class EntitiesEmitter
{
    /// <summary>Generated helper members of each domain class; an entity whose name equals one gets a suffix.</summary>
    public const string AllMember = "All";

    /// <summary>The name of each domain's attribute reader class.</summary>
    public const string AttributesClass = "Attributes";

    public static string Emit(string rootNamespace, SnapshotModel snapshot, EntityNames names, bool extensionMembers)
    {
        var areaNames = snapshot.Areas.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var labelNames = snapshot.Labels.ToDictionary(l => l.Id, l => l.Name, StringComparer.Ordinal);
        var writer = new CodeWriter(rootNamespace);
        writer.Summary("Every entity of the Home Assistant snapshot (hass.snapshot.json), by domain: <c>Entities.Light.Hallway</c> is <c>light.hallway</c> as a typed entity id.");
        writer.Open("public static partial class Entities");
        foreach (var domain in names.Domains)
        {
            writer.Summary($"Entities of domain <c>{CodeWriter.Xml(domain.Domain)}</c>.");
            writer.Open($"public static partial class {domain.ClassName}");
            foreach (var entity in domain.Entities)
            {
                writer.Summary(Describe(entity.Model, areaNames, labelNames));
                writer.Line($"public static readonly {EntityTypes.For(entity.Model)} {entity.Name} = new({CodeWriter.Literal(entity.Model.EntityId)});");
                writer.Line();
            }

            foreach (var entity in domain.Entities.Where(e => e.OptionsClass is not null))
            {
                EmitOptions(writer, entity);
            }

            writer.Summary($"Every {CodeWriter.Xml(domain.Domain)} entity of the snapshot, in entity id order.");
            writer.ReadOnlyList(AllMember, domain.ElementType, domain.Entities.Select(e => e.Name));
            if (domain.Attributes.Count > 0)
            {
                writer.Line();
                EmitAttributes(writer, domain);
            }

            writer.Close();
            writer.Line();
        }

        writer.Close();
        if (extensionMembers)
        {
            EmitAttributeAccessors(writer, names);
        }

        return writer.ToString();
    }

    private static void EmitOptions(CodeWriter writer, EntityName entity)
    {
        ConstantsEmitter.Emit(writer, entity.OptionsClass!, $"The states Home Assistant defines for {CodeWriter.Xml(entity.Model.EntityId)} (compare with the state string)", entity.Model.Options);
        writer.Line();
    }

    private static void EmitAttributes(CodeWriter writer, DomainNames domain)
    {
        writer.Summary($"Typed reads of the attributes observed on {CodeWriter.Xml(domain.Domain)} entities when the snapshot was taken; each is null when the entity does not have it now or it does not convert. Create one from a full state: <c>new(Hass.GetFullState(entity))</c>.");
        writer.Open($"public sealed class {AttributesClass}");
        writer.Summary("Reads the attributes of <paramref name=\"state\"/>.");
        writer.Line("/// <param name=\"state\">The entity's full state, e.g. from <c>Hass.GetFullState(entity)</c>.</param>");
        writer.Line($"public {AttributesClass}(global::Domovoy.Abstractions.EntityState state) => State = state;");
        writer.Line();
        writer.Summary("The full state these attributes are read from (every attribute, including ones not observed in the snapshot).");
        writer.Line("public global::Domovoy.Abstractions.EntityState State { get; }");
        foreach (var attribute in domain.Attributes)
        {
            writer.Line();
            writer.Summary($"<c>{CodeWriter.Xml(attribute.Name)}</c> (observed as {CodeWriter.Xml(attribute.ObservedType)}).");
            writer.Line($"public {attribute.ClrType}? {attribute.Member} => State.GetAttribute<{attribute.ClrType}?>({CodeWriter.Literal(attribute.Name)});");
        }

        writer.Close();
    }

    private static void EmitAttributeAccessors(CodeWriter writer, EntityNames names)
    {
        var accessors = names.Domains
            .Where(d => d.Attributes.Count > 0)
            .SelectMany(d => d.Entities.Select(e => EntityTypes.For(e.Model)).Distinct().Select(type => (Domain: d, Type: type)))
            .Where(a => a.Type != EntityTypes.Namespace + "Entity")
            .ToList();
        if (accessors.Count == 0)
        {
            return;
        }

        writer.Line();
        writer.Summary("<c>Hass.GetAttributes(entity)</c>: the typed attributes of an entity whose domain has its own entity type.");
        writer.Open($"public static class {EntityNames.AttributeExtensionsClass}");
        writer.Line("/// <param name=\"hass\">The app's Home Assistant API.</param>");
        writer.Open("extension(global::Domovoy.Abstractions.IHassPlugin hass)");
        foreach (var (domain, type) in accessors)
        {
            writer.Summary($"The typed attributes of a {CodeWriter.Xml(domain.Domain)} entity, read from its current state in the state cache.");
            writer.Line("/// <param name=\"entity\">The entity.</param>");
            writer.Line("/// <exception cref=\"global::Domovoy.Abstractions.UnknownEntityException\">Home Assistant has no such entity.</exception>");
            writer.Line($"public Entities.{domain.ClassName}.{AttributesClass} GetAttributes({type} entity) => new(hass.GetFullState(entity));");
            writer.Line();
        }

        writer.Close();
        writer.Close();
    }

    /// <summary>The entity's doc line: id, friendly name, area, device, unit, classes, labels.</summary>
    public static string Describe(EntityModel entity, IReadOnlyDictionary<string, string> areaNames, IReadOnlyDictionary<string, string> labelNames)
    {
        var parts = new List<string>();
        if (entity.Area is { } area)
        {
            parts.Add("area " + (areaNames.TryGetValue(area, out var areaName) ? areaName : area));
        }

        Add(parts, "device", entity.Device);
        Add(parts, "unit", entity.Unit);
        Add(parts, "device class", entity.DeviceClass);
        Add(parts, "state class", entity.StateClass);
        if (entity.Labels.Count > 0)
        {
            parts.Add("labels " + string.Join(", ", entity.Labels.Select(l => labelNames.TryGetValue(l, out var name) ? name : l)));
        }

        // Plain text, no <c> markup: there is one of these per entity, each parsed and written to the XML doc file.
        var text = CodeWriter.Xml(entity.EntityId);
        if (entity.FriendlyName is { } friendly)
        {
            text += ": " + CodeWriter.Xml(friendly);
        }

        return parts.Count == 0 ? text + "." : $"{text} ({CodeWriter.Xml(string.Join("; ", parts))}).";
    }

    private static void Add(List<string> parts, string label, string? value)
    {
        if (value is not null)
        {
            parts.Add($"{label} {value}");
        }
    }
}
