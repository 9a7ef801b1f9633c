using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Domovoy.Simulator.Json;

namespace Domovoy.Simulator.WebSockets;

/// <summary>subscribe_entities' entity_ids plus include/exclude {domains, entity_globs, entities} filter.</summary>
internal sealed class EntityFilter
{
    private HashSet<string>? _entityIds;
    private Rule? _include;
    private Rule? _exclude;

    public static EntityFilter Parse(JsonObject message)
    {
        var filter = new EntityFilter();
        if (message.TryGetPropertyValue("entity_ids", out var ids))
        {
            filter._entityIds = ids is JsonArray list
                ? new HashSet<string>(list.Select(i => HaJson.PythonStr(i)), StringComparer.Ordinal)
                : throw HaErrorException.InvalidFormat($"expected list for dictionary value @ data['entity_ids']. Got {HaJson.PythonRepr(ids)}");
        }

        filter._include = Rule.Parse(message, "include");
        filter._exclude = Rule.Parse(message, "exclude");
        return filter;
    }

    public bool Matches(string entityId)
    {
        if (_entityIds is not null && !_entityIds.Contains(entityId))
        {
            return false;
        }

        if (_exclude?.Matches(entityId) == true && _include?.Entities.Contains(entityId) != true)
        {
            return false;
        }

        return _include is null || _include.Matches(entityId);
    }

    private sealed class Rule
    {
        public HashSet<string> Domains { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Entities { get; } = new(StringComparer.Ordinal);

        public List<Regex> Globs { get; } = [];

        public static Rule? Parse(JsonObject message, string key)
        {
            if (!message.TryGetPropertyValue(key, out var node))
            {
                return null;
            }

            if (node is not JsonObject obj)
            {
                throw HaErrorException.InvalidFormat($"expected dict for dictionary value @ data['{key}']. Got {HaJson.PythonRepr(node)}");
            }

            var rule = new Rule();
            foreach (var item in (obj["domains"] as JsonArray) ?? [])
            {
                rule.Domains.Add(HaJson.PythonStr(item));
            }

            foreach (var item in (obj["entities"] as JsonArray) ?? [])
            {
                rule.Entities.Add(HaJson.PythonStr(item));
            }

            foreach (var item in (obj["entity_globs"] as JsonArray) ?? [])
            {
                var glob = "^" + Regex.Escape(HaJson.PythonStr(item)).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
                rule.Globs.Add(new Regex(glob, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }

            return rule;
        }

        public bool Matches(string entityId) =>
            Entities.Contains(entityId)
            || Domains.Contains(entityId[..entityId.IndexOf('.', StringComparison.Ordinal)])
            || Globs.Any(g => g.IsMatch(entityId));
    }
}
