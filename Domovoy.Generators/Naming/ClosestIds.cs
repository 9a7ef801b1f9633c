using System;
using System.Collections.Generic;
using System.Linq;

namespace Domovoy.Generators.Naming;

/// <summary>"Did you mean …?" candidates: the known ids nearest to a mistyped one by edit distance (Levenshtein:
/// insertions, deletions, substitutions each cost 1), at most a fifth of the id's length (and at least 2) away; at
/// equal distance, ids of the same domain first.</summary>
/// <remarks>One source for the analyzer (DOMOVOY010) and the host's config check (Domovoy.Core links this file), so
/// both suggest the same ids.</remarks>
internal static class ClosestIds
{
    public static IReadOnlyList<string> Find(string id, IEnumerable<string> known, int count = 3)
    {
        var limit = Math.Max(2, id.Length / 5);
        var dot = id.IndexOf('.');
        var domainPrefix = dot < 0 ? null : id.Substring(0, dot + 1);
        return known
            .Select(candidate => (Id: candidate, Distance: Distance(id, candidate, limit)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => domainPrefix is not null && c.Id.StartsWith(domainPrefix, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Id)
            .ToList();
    }

    /// <summary>The edit distance, or <paramref name="limit"/> + 1 as soon as it must exceed the limit.</summary>
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
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
