using System;
using System.Collections.Generic;
using System.Linq;

namespace Domovoy.Generators.Naming;

/// <summary>Assigns unique member names within one C# scope (a class's members, a method's parameters).
/// Deterministic and as stable as possible when the home changes:
/// reserved names (the containing type's name, generated helper members, inherited members) are never handed out;
/// ids are named in a fixed order — when several ids map to the same name, a plain snake_case id, then the shortest,
/// then the ordinally first keeps the plain name, so <c>foo_bar</c> stays <c>FooBar</c> when a <c>foo__bar</c> appears, and the others get "_2", "_3", … in
/// that order. Pascal/camel names never contain "_" + digit, so a suffixed name cannot clash with another id's name.</summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>Creates a scope where <paramref name="reserved"/> names are already taken.</summary>
    public NameScope(params string[] reserved)
    {
        foreach (var name in reserved)
        {
            _taken.Add(name);
        }
    }

    /// <summary>Marks a name as taken (e.g. a helper added after the ids were named).</summary>
    public void Reserve(string name) => _taken.Add(name);

    /// <summary>Names every item: <paramref name="baseName"/> gives the wanted name, <paramref name="id"/> the HA id used
    /// to order items that want the same name. Returns names aligned with <paramref name="items"/>.</summary>
    public string[] Assign<T>(IReadOnlyList<T> items, Func<T, string> id, Func<T, string> baseName)
    {
        var wanted = items.Select(baseName).ToArray();
        var order = Enumerable.Range(0, items.Count)
            .OrderBy(i => wanted[i], StringComparer.Ordinal)
            .ThenBy(i => IsPlainSnakeCase(id(items[i])) ? 0 : 1)
            .ThenBy(i => id(items[i]).Length)
            .ThenBy(i => id(items[i]), StringComparer.Ordinal)
            .ToArray();
        var names = new string[items.Count];
        foreach (var i in order)
        {
            names[i] = Take(wanted[i]);
        }

        return names;
    }

    /// <summary>HA's own slug form (<c>[a-z0-9]</c> words joined by single '_'): such an id wins its plain name over
    /// look-alikes (<c>all_types</c> over <c>all-types</c>, <c>foo_bar</c> over <c>foo__bar</c>).</summary>
    private static bool IsPlainSnakeCase(string id)
    {
        var previousUnderscore = true;
        foreach (var c in id)
        {
            var underscore = c == '_';
            if ((underscore && previousUnderscore) || !(underscore || c is >= 'a' and <= 'z' or >= '0' and <= '9'))
            {
                return false;
            }

            previousUnderscore = underscore;
        }

        return !previousUnderscore;
    }

    /// <summary>Takes <paramref name="wanted"/> or, when taken, the first free "wanted_2", "wanted_3", ….</summary>
    public string Take(string wanted)
    {
        if (_taken.Add(wanted))
        {
            return wanted;
        }

        var stem = wanted.StartsWith("@", StringComparison.Ordinal) ? wanted.Substring(1) : wanted;
        for (var n = 2; ; n++)
        {
            var candidate = stem + "_" + n;
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
