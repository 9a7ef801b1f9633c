using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Domovoy.Generators.Json;

namespace Domovoy.Generators.Model;

/// <summary>Reads <c>hass.snapshot.json</c> (docs/hass-snapshot.md) into a <see cref="SnapshotModel"/>. Strict about
/// shape (a missing required key or a wrong type is an error naming the line), lenient about unknown keys so a newer
/// collector's additions within the same schema do not break older generators.</summary>
internal sealed class SnapshotReader
{
    /// <summary>The newest snapshot schema this generator understands.</summary>
    public const int SupportedSchema = 1;

    private readonly string _path;
    private readonly List<SnapshotDiagnostic> _diagnostics = [];

    private SnapshotReader(string path) => _path = path;

    /// <summary>Reads the snapshot text; never throws: problems are returned as diagnostics.</summary>
    public static SnapshotResult Read(string path, string text)
    {
        var reader = new SnapshotReader(path);
        SnapshotModel? model;
        try
        {
            model = reader.ReadRoot(JsonReader.Parse(text));
        }
        catch (JsonException e)
        {
            reader.Report(DiagnosticIds.InvalidSnapshot, e.Line, e.Column, $"not valid JSON: {e.Message}");
            model = null;
        }

        return new SnapshotResult(model, reader._diagnostics.ToEquatableArray());
    }

    private SnapshotModel? ReadRoot(JsonNode root)
    {
        if (root.Kind != JsonKind.Object)
        {
            Report(DiagnosticIds.InvalidSnapshot, root, "the snapshot must be a JSON object");
            return null;
        }

        var schemaNode = root.Get("schema");
        if (schemaNode is null || schemaNode.Kind != JsonKind.Number || !int.TryParse(schemaNode.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var schema))
        {
            Report(DiagnosticIds.InvalidSnapshot, schemaNode ?? root, "'schema' must be a whole number (the format version)");
            return null;
        }

        if (schema > SupportedSchema)
        {
            Report(DiagnosticIds.NewerSchema, schemaNode, $"the snapshot has schema {schema} but this Domovoy generator reads schema {SupportedSchema} at most; update the Domovoy.Abstractions package, or regenerate the snapshot with the matching 'domovoy codegen'");
            return null;
        }

        return new SnapshotModel(
            ReadArray(root, "areas", node => ReadNamed(node, (id, name) => new AreaModel(id, name))),
            ReadArray(root, "labels", node => ReadNamed(node, (id, name) => new LabelModel(id, name))),
            ReadArray(root, "entities", ReadEntity),
            ReadArray(root, "services", ReadService));
    }

    private T? ReadNamed<T>(JsonNode node, Func<string, string, T> create)
        where T : class
    {
        var id = RequiredString(node, "id");
        var name = RequiredString(node, "name");
        return id is null || name is null ? null : create(id, name);
    }

    private EntityModel? ReadEntity(JsonNode node)
    {
        var entityId = RequiredString(node, "entity_id");
        var domain = RequiredString(node, "domain");
        var stateKind = OptionalString(node, "state_kind") ?? "domain";
        if (entityId is null || domain is null)
        {
            return null;
        }

        var dot = entityId.IndexOf('.');
        if (dot <= 0 || dot == entityId.Length - 1 || entityId.IndexOf('.', dot + 1) >= 0 || entityId.Substring(0, dot) != domain)
        {
            Report(DiagnosticIds.InvalidSnapshot, node, $"'{entityId}' is not an entity id of domain '{domain}' (expected '{domain}.object_id'); the entity is skipped");
            return null;
        }

        return new EntityModel(
            entityId,
            domain,
            entityId.Substring(dot + 1),
            OptionalString(node, "friendly_name"),
            stateKind,
            OptionalString(node, "unit_of_measurement"),
            OptionalString(node, "device_class"),
            OptionalString(node, "state_class"),
            StringArray(node, "options"),
            OptionalString(node, "area"),
            OptionalString(node, "device"),
            StringArray(node, "labels"),
            ReadArray(node, "attributes", attribute =>
            {
                var name = RequiredString(attribute, "name");
                return name is null ? null : new AttributeModel(name, OptionalString(attribute, "type") ?? "mixed");
            }));
    }

    private ServiceModel? ReadService(JsonNode node)
    {
        var domain = RequiredString(node, "domain");
        var service = RequiredString(node, "service");
        if (domain is null || service is null)
        {
            return null;
        }

        var response = OptionalString(node, "response") ?? "none";
        if (response is not ("none" or "optional" or "only"))
        {
            Report(DiagnosticIds.InvalidSnapshot, node.Get("response")!, $"'response' of {domain}.{service} must be none, optional or only");
            response = "none";
        }

        return new ServiceModel(
            domain,
            service,
            OptionalString(node, "name"),
            OptionalString(node, "description"),
            node.Get("target_domains") is null ? null : StringArray(node, "target_domains"),
            response,
            ReadArray(node, "fields", ReadField));
    }

    private FieldModel? ReadField(JsonNode node)
    {
        var name = RequiredString(node, "name");
        if (name is null)
        {
            return null;
        }

        var required = node.Get("required") is { Kind: JsonKind.True };
        return new FieldModel(name, OptionalString(node, "description"), required, OptionalString(node, "example"), ReadSelector(node.Get("selector")));
    }

    private static SelectorModel ReadSelector(JsonNode? selector)
    {
        var empty = EquatableArray<string>.Empty;
        if (selector?.Members is not { Count: > 0 } members)
        {
            return new SelectorModel(string.Empty, false, empty, empty, null);
        }

        var kind = members[0].Key;
        var settings = members[0].Value;
        var multiple = settings.Get("multiple") is { Kind: JsonKind.True };
        var domains = new List<string>();
        AddStrings(settings.Get("domain"), domains);
        var filter = settings.Get("filter");
        foreach (var item in filter?.Items ?? (filter is null ? [] : [filter]))
        {
            AddStrings(item.Get("domain"), domains);
        }

        var options = new List<string>();
        foreach (var option in settings.Get("options")?.Items ?? [])
        {
            var value = option.Kind == JsonKind.String ? option.Text : option.Get("value")?.Text;
            if (value is not null)
            {
                options.Add(value);
            }
        }

        var unit = settings.Get("unit_of_measurement") is { Kind: JsonKind.String } unitNode ? unitNode.Text : null;
        return new SelectorModel(kind, multiple, domains.Distinct().OrderBy(d => d, StringComparer.Ordinal).ToEquatableArray(), options.ToEquatableArray(), unit);
    }

    private static void AddStrings(JsonNode? node, List<string> into)
    {
        if (node?.Kind == JsonKind.String)
        {
            into.Add(node.Text!);
        }

        foreach (var item in node?.Items ?? [])
        {
            if (item.Kind == JsonKind.String)
            {
                into.Add(item.Text!);
            }
        }
    }

    private EquatableArray<T> ReadArray<T>(JsonNode parent, string name, Func<JsonNode, T?> read)
        where T : class, IEquatable<T>
    {
        var node = parent.Get(name);
        if (node is null)
        {
            return EquatableArray<T>.Empty;
        }

        if (node.Kind != JsonKind.Array)
        {
            Report(DiagnosticIds.InvalidSnapshot, node, $"'{name}' must be an array");
            return EquatableArray<T>.Empty;
        }

        var result = new List<T>(node.Items!.Count);
        foreach (var item in node.Items)
        {
            if (item.Kind != JsonKind.Object)
            {
                Report(DiagnosticIds.InvalidSnapshot, item, $"each item of '{name}' must be an object");
                continue;
            }

            if (read(item) is { } value)
            {
                result.Add(value);
            }
        }

        return result.ToEquatableArray();
    }

    private EquatableArray<string> StringArray(JsonNode parent, string name)
    {
        var node = parent.Get(name);
        if (node is null)
        {
            return EquatableArray<string>.Empty;
        }

        if (node.Kind != JsonKind.Array || node.Items!.Any(i => i.Kind != JsonKind.String))
        {
            Report(DiagnosticIds.InvalidSnapshot, node, $"'{name}' must be an array of strings");
            return EquatableArray<string>.Empty;
        }

        return node.Items.Select(i => i.Text!).ToEquatableArray();
    }

    private string? RequiredString(JsonNode parent, string name)
    {
        var node = parent.Get(name);
        if (node?.Kind == JsonKind.String && node.Text!.Length > 0)
        {
            return node.Text;
        }

        Report(DiagnosticIds.InvalidSnapshot, node ?? parent, $"'{name}' is required and must be a non-empty string; the item is skipped");
        return null;
    }

    private string? OptionalString(JsonNode parent, string name)
    {
        var node = parent.Get(name);
        if (node is null || node.Kind == JsonKind.String)
        {
            return node?.Text;
        }

        Report(DiagnosticIds.InvalidSnapshot, node, $"'{name}' must be a string");
        return null;
    }

    private void Report(string id, JsonNode at, string message) => Report(id, at.Line, at.Column, message);

    private void Report(string id, int line, int column, string message) => _diagnostics.Add(new SnapshotDiagnostic(id, _path, line, column, message));
}
