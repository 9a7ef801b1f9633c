using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Domovoy.Generators.Naming;

/// <summary>Turns Home Assistant ids (snake_case, possibly with digits first, unicode letters or other characters) into
/// valid C# identifiers. The rule, stable for any input:
/// every character that cannot be part of a C# identifier, and '_', separates words; each word's first character is
/// upper-cased (PascalCase) or, for the first word of a camelCase name, lower-cased; a name that would start with a
/// character that cannot start an identifier (a digit) gets a leading '_'; an empty result becomes '_'; a keyword gets '@'.
/// The result never contains "_" followed by a digit except as the leading '_', so the collision suffix "_2", "_3", …
/// (see <see cref="NameScope"/>) can never equal another id's name.</summary>
internal static class Identifiers
{
    /// <summary>PascalCase: <c>kitchen_temperature</c> → <c>KitchenTemperature</c>, <c>1st_floor</c> → <c>_1stFloor</c>.</summary>
    public static string Pascal(string id) => Convert(id, upperFirst: true);

    /// <summary>camelCase for parameters: <c>brightness_pct</c> → <c>brightnessPct</c>, <c>event</c> → <c>@event</c>.</summary>
    public static string Camel(string id) => Convert(id, upperFirst: false);

    private static string Convert(string id, bool upperFirst)
    {
        var builder = new StringBuilder(id.Length);
        var startWord = true;
        foreach (var c in id)
        {
            if (c == '_' || !SyntaxFacts.IsIdentifierPartCharacter(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                startWord = true;
                continue;
            }

            if (startWord)
            {
                var first = builder.Length == 0 && !upperFirst;
                builder.Append(first ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
                startWord = false;
            }
            else
            {
                builder.Append(c);
            }
        }

        if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var name = builder.ToString();
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
