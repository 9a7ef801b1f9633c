using System.Globalization;
using System.Text;

namespace Domovoy.Simulator.Servents;

/// <summary>homeassistant.util.slugify, close enough: ASCII-folded, lower case, runs of other characters become one "_".</summary>
internal static class ServentSlug
{
    public static string Slugify(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(folded.Length);
        var pendingSeparator = false;
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or (>= 'A' and <= 'Z'))
            {
                if (pendingSeparator && builder.Length > 0)
                {
                    builder.Append('_');
                }

                pendingSeparator = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSeparator = true;
            }
        }

        return builder.Length == 0 ? "unknown" : builder.ToString();
    }
}
