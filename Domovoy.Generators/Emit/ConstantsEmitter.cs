using System.Collections.Generic;
using System.Linq;
using Domovoy.Generators.Naming;

namespace Domovoy.Generators.Emit;

/// <summary>Emits a static class of string constants, one per option (an enum sensor's states, a select field's options),
/// so code compares or passes the option by name: <c>Entities.Sensor.WasherOptions.Running</c>.</summary>
internal static class ConstantsEmitter
{
    public static void Emit(CodeWriter writer, string className, string summaryXml, IEnumerable<string> values)
    {
        writer.Summary(summaryXml);
        writer.Open($"public static class {className}");
        var options = values.Distinct().ToList();
        var names = new NameScope(className).Assign(options, o => o, Identifiers.Pascal);
        for (var i = 0; i < options.Count; i++)
        {
            writer.Summary($"<c>{CodeWriter.Xml(options[i])}</c>");
            writer.Line($"public const string {names[i]} = {CodeWriter.Literal(options[i])};");
        }

        writer.Close();
    }
}
