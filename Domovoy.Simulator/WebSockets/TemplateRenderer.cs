using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Domovoy.Simulator.Json;

namespace Domovoy.Simulator.WebSockets;

/// <summary>
/// A very small Jinja subset for render_template: literal text plus {{ states('x') }}, {{ is_state('x','y') }},
/// {{ state_attr('x','a') }} and {{ states.domain.object_id.state }}. Anything else is a template_error.
/// </summary>
internal sealed partial class TemplateRenderer(string template)
{
    public HashSet<string> Entities { get; } = new(StringComparer.Ordinal);

    /// <summary>Renders and converts the output to a native value like HA's parse_result (numbers, booleans).</summary>
    public JsonNode? Render(SimulatorCore core)
    {
        var output = new StringBuilder();
        var position = 0;
        foreach (Match match in Expression().Matches(template))
        {
            output.Append(template, position, match.Index - position);
            output.Append(Evaluate(core, match.Groups[1].Value.Trim()));
            position = match.Index + match.Length;
        }

        output.Append(template, position, template.Length - position);
        if (template.Contains("{%", StringComparison.Ordinal))
        {
            throw new HaErrorException("template_error", "TemplateSyntaxError: statements ({% %}) are not supported by the simulator");
        }

        return Native(output.ToString());
    }

    private string Evaluate(SimulatorCore core, string expression)
    {
        var call = Call().Match(expression);
        if (call.Success)
        {
            var args = call.Groups[2].Captures.Select(c => c.Value).ToArray();
            var entityId = args.Length > 0 ? args[0].ToLowerInvariant() : string.Empty;
            Entities.Add(entityId);
            var state = core.States.Get(entityId);
            switch (call.Groups[1].Value)
            {
                case "states" when args.Length == 1:
                    return state?.State ?? "unknown";
                case "is_state" when args.Length == 2:
                    return state?.State == args[1] ? "True" : "False";
                case "state_attr" when args.Length == 2:
                    return state?.Attributes[args[1]] is { } value ? HaJson.PythonStr(value) : "None";
            }
        }

        var dotted = Dotted().Match(expression);
        if (dotted.Success)
        {
            var entityId = dotted.Groups[1].Value;
            Entities.Add(entityId);
            return core.States.Get(entityId)?.State ?? string.Empty;
        }

        throw new HaErrorException("template_error", $"TemplateError: the simulator cannot evaluate '{expression}'");
    }

    private static JsonNode? Native(string output)
    {
        var trimmed = output.Trim();
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) && trimmed == integer.ToString(CultureInfo.InvariantCulture))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && trimmed.Contains('.', StringComparison.Ordinal) && !double.IsInfinity(number))
        {
            return JsonValue.Create(number);
        }

        return trimmed switch
        {
            "True" => JsonValue.Create(true),
            "False" => JsonValue.Create(false),
            "None" => null,
            _ => JsonValue.Create(output),
        };
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Expression();

    [GeneratedRegex(@"^(states|is_state|state_attr)\(\s*(?:['""]([^'""]*)['""]\s*,?\s*)+\)$")]
    private static partial Regex Call();

    [GeneratedRegex(@"^states\.([a-z0-9_]+\.[a-z0-9_]+)\.state$")]
    private static partial Regex Dotted();
}
