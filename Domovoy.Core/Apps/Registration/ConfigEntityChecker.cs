using System.Collections;
using System.Reflection;
using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Registration;

/// <summary>
/// Finds entity ids in an app's config that Home Assistant does not have: public properties (and elements of collection
/// properties) of type <see cref="EntityId"/>, one level of nested objects deep. Each finding names the config field
/// and up to three closest existing ids, so a typo is reported when the app starts instead of at its first callback.
/// </summary>
internal static class ConfigEntityChecker
{
    private const int MaxSuggestions = 3;

    /// <summary>One line per unknown entity id, e.g. <c>config field Light names light.halway, which Home Assistant does not have (did you mean light.hallway?)</c>.</summary>
    /// <param name="config">The app's config.</param>
    /// <param name="exists">Whether HA has the entity.</param>
    /// <param name="allIds">Every entity id HA has, for suggestions.</param>
    public static IReadOnlyList<string> Check(AppConfigBase config, Func<string, bool> exists, IReadOnlyCollection<string> allIds)
    {
        var warnings = new List<string>();
        foreach (var (field, entity) in EntityIds(config, string.Empty, depth: 0))
        {
            if (!exists(entity.Value))
            {
                var suggestions = Closest(entity.Value, allIds);
                var hint = suggestions.Count > 0 ? $" (did you mean {string.Join(" or ", suggestions)}?)" : string.Empty;
                warnings.Add($"config field {field} names {entity.Value}, which Home Assistant does not have{hint}");
            }
        }

        return warnings;
    }

    /// <summary>The ids closest to <paramref name="id"/> by edit distance (same domain first), at most three.</summary>
    internal static IReadOnlyList<string> Closest(string id, IReadOnlyCollection<string> allIds)
    {
        var limit = Math.Max(2, id.Length / 3);
        var domain = id[..Math.Max(0, id.IndexOf('.', StringComparison.Ordinal))];
        return allIds
            .Select(candidate => (candidate, distance: Distance(id, candidate, limit)))
            .Where(x => x.distance <= limit)
            .OrderBy(x => x.distance)
            .ThenBy(x => x.candidate.StartsWith(domain + ".", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(x => x.candidate, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(x => x.candidate)
            .ToArray();
    }

    private static IEnumerable<(string Field, EntityId Entity)> EntityIds(object owner, string prefix, int depth)
    {
        foreach (var property in owner.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }

            var value = property.GetValue(owner);
            var field = prefix + property.Name;
            switch (value)
            {
                case EntityId entity:
                    yield return (field, entity);
                    break;
                case string or null:
                    break;
                case IEnumerable items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is EntityId element)
                        {
                            yield return ($"{field}[{index}]", element);
                        }

                        index++;
                    }

                    break;
                default:
                    if (depth == 0 && property.PropertyType.IsClass && property.PropertyType.Assembly == owner.GetType().Assembly)
                    {
                        foreach (var nested in EntityIds(value, field + ".", depth + 1))
                        {
                            yield return nested;
                        }
                    }

                    break;
            }
        }
    }

    // Levenshtein distance, giving up (returning limit + 1) once every cell of a row exceeds the limit.
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
