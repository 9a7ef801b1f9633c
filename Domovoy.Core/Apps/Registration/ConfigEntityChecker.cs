using System.Collections;
using System.Reflection;
using Domovoy.Abstractions;
using Domovoy.Generators.Naming;

namespace Domovoy.Core.Apps.Registration;

/// <summary>
/// Finds entity ids in an app's config that Home Assistant does not have: public properties (and elements of collection
/// properties) of type <see cref="EntityId"/>, one level of nested objects deep. Each finding names the config field
/// and up to three closest existing ids (<see cref="ClosestIds"/>), so a typo is reported when the app starts instead of at its first callback.
/// </summary>
internal static class ConfigEntityChecker
{
    private const int MaxSuggestions = 3;

    /// <summary>One line per unknown entity id, e.g. <c>config field Light names light.halway, which Home Assistant does not have (did you mean light.hallway?)</c>.</summary>
    /// <param name="config">The app's config.</param>
    /// <param name="exists">Whether HA has the entity.</param>
    /// <param name="allIds">Every entity id HA has, for suggestions.</param>
    /// <param name="source">What the ids come from, as the warning names it ("Home Assistant", or a snapshot file).</param>
    public static IReadOnlyList<string> Check(AppConfigBase config, Func<string, bool> exists, IReadOnlyCollection<string> allIds, string source = "Home Assistant")
    {
        var warnings = new List<string>();
        foreach (var (field, entity) in EntityIds(config, string.Empty, depth: 0))
        {
            if (!exists(entity.Value))
            {
                var suggestions = ClosestIds.Find(entity.Value, allIds, MaxSuggestions);
                var hint = suggestions.Count > 0 ? $" (did you mean {string.Join(" or ", suggestions)}?)" : string.Empty;
                warnings.Add($"config field {field} names {entity.Value}, which {source} does not have{hint}");
            }
        }

        return warnings;
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
}
