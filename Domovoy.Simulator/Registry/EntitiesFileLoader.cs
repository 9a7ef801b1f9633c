using System.Globalization;
using System.Text.Json.Nodes;
using Domovoy.Simulator.States;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Domovoy.Simulator.Registry;

/// <summary>
/// Reads a YAML or JSON list of {entity_id, state, attributes}, or a mapping with that list under "entities" and
/// optionally extra services under "services" (see <see cref="SeedService"/>).
/// </summary>
internal static class EntitiesFileLoader
{
    public static async Task<(List<SeedState> States, List<SeedService> Services)> LoadAsync(string path, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        var root = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonNode.Parse(text) : ParseYaml(text);
        var services = new List<SeedService>();
        if (root is JsonObject wrapper && wrapper["entities"] is JsonArray inner)
        {
            services = LoadServices(path, wrapper["services"]);
            root = inner;
        }

        if (root is not JsonArray list)
        {
            throw new InvalidDataException($"{path}: expected a list of {{entity_id, state, attributes}}.");
        }

        var seeds = new List<SeedState>();
        foreach (var item in list)
        {
            if (item is not JsonObject entry || entry["entity_id"] is not JsonValue id)
            {
                throw new InvalidDataException($"{path}: every item needs an entity_id.");
            }

            var entityId = id.ToString();
            if (!StateMachine.IsValidEntityId(entityId))
            {
                throw new InvalidDataException($"{path}: invalid entity id '{entityId}'.");
            }

            var state = entry["state"] is { } s ? Json.HaJson.PythonStr(s) : "unknown";
            var attributes = entry["attributes"] as JsonObject ?? [];
            seeds.Add(new SeedState(entityId, state, (JsonObject)attributes.DeepClone()));
        }

        return (seeds, services);
    }

    private static List<SeedService> LoadServices(string path, JsonNode? node)
    {
        var services = new List<SeedService>();
        if (node is null)
        {
            return services;
        }

        if (node is not JsonArray list)
        {
            throw new InvalidDataException($"{path}: 'services' must be a list of {{domain, service, fields, target_domain, response}}.");
        }

        foreach (var item in list)
        {
            if (item is not JsonObject entry || entry["domain"] is not JsonValue domain || entry["service"] is not JsonValue service)
            {
                throw new InvalidDataException($"{path}: every service needs a domain and a service.");
            }

            var response = entry["response"]?.ToString() ?? "none";
            if (response is not ("none" or "optional" or "only"))
            {
                throw new InvalidDataException($"{path}: service {domain}.{service}: response must be none, optional or only, not '{response}'.");
            }

            services.Add(new SeedService(
                domain.ToString(),
                service.ToString(),
                entry["name"]?.ToString() ?? service.ToString(),
                entry["description"]?.ToString() ?? string.Empty,
                entry["target_domain"]?.ToString(),
                (JsonObject?)(entry["fields"] as JsonObject)?.DeepClone() ?? [],
                response));
        }

        return services;
    }

    private static JsonNode? ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? string.Empty, Convert(p.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    // Plain (unquoted) scalars follow YAML 1.2 core schema typing; quoted ones stay strings.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number))
        {
            // Keep YAML floats as floats ("0.0" stays 0.0) like Python would.
            return Json.HaJson.Float(number);
        }

        return JsonValue.Create(value);
    }
}
