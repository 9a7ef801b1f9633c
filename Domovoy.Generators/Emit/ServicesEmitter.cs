using System;
using System.Collections.Generic;
using System.Linq;
using Domovoy.Generators.Model;
using Domovoy.Generators.Naming;

namespace Domovoy.Generators.Emit;

/// <summary>Emits the typed services: a <c>HassServices.&lt;Domain&gt;</c> struct per domain with one
/// <c>&lt;Service&gt;Async</c> method per service (two when it takes a target: one entity or a sequence of them), and a C# 14
/// extension property per domain on <c>IHassPlugin</c>, so an app writes
/// <c>await Hass.Light.TurnOnAsync(Entities.Light.Hallway, brightnessPct: 80, cancellationToken: ct)</c>.</summary>
internal static class ServicesEmitter
{
    /// <summary>The container of the per-domain service structs.</summary>
    public const string ServicesClass = "HassServices";

    /// <summary>The class holding the <c>Hass.&lt;Domain&gt;</c> extension properties.</summary>
    public const string ExtensionsClass = "HassServiceExtensions";

    private const string Abstractions = "global::Domovoy.Abstractions.";
    private const string ResultTask = "global::System.Threading.Tasks.Task<" + Abstractions + "ServiceCallResult>";
    private const string CancellationToken = "global::System.Threading.CancellationToken";

    /// <summary>The one method every generated service method calls (emitted once into <see cref="ServicesClass"/>);
    /// reserved in the class's scope, as is its private helper.</summary>
    private const string CallMethod = "Call";
    private const string ToJsonMethod = "ToJson";

    /// <summary><see cref="CallMethod"/> and <see cref="ToJsonMethod"/>: the field values arrive as name/value pairs, unset
    /// (null) ones are left out, and each value is converted by its type to the JSON Home Assistant expects. A single
    /// call per service instead of a statement per field is what keeps the generated services cheap to compile (600
    /// statement-per-field bodies allocated five times as much in the compiler; BENCHMARKS.md).</summary>
    private static readonly string[] CallHelper =
    [
        $"internal static {ResultTask} {CallMethod}({Abstractions}IHassPlugin hass, string domain, string service, {Abstractions}ServiceTarget? target, bool returnResponse, {CancellationToken} cancellationToken, params object?[] fields)",
        "{",
        "    global::System.Collections.Generic.Dictionary<string, object?>? data = null;",
        "    if (fields.Length > 0)",
        "    {",
        "        data = new global::System.Collections.Generic.Dictionary<string, object?>(fields.Length / 2);",
        "        for (var i = 0; i < fields.Length; i += 2)",
        "        {",
        "            if (fields[i + 1] is { } value)",
        "            {",
        $"                data[(string)fields[i]!] = {ToJsonMethod}(value);",
        "            }",
        "        }",
        "    }",
        "",
        "    return hass.CallServiceAsync(domain, service, target, data, returnResponse: returnResponse, cancellationToken: cancellationToken);",
        "}",
        "",
        $"private static object {ToJsonMethod}(object value) => value switch",
        "{",
        $"    {Abstractions}EntityId entity => entity.Value,",
        "    global::System.TimeOnly time => time.ToString(\"HH:mm:ss\", global::System.Globalization.CultureInfo.InvariantCulture),",
        "    global::System.TimeSpan duration => new global::System.Collections.Generic.Dictionary<string, object> { [\"days\"] = duration.Days, [\"hours\"] = duration.Hours, [\"minutes\"] = duration.Minutes, [\"seconds\"] = duration.Seconds, [\"milliseconds\"] = duration.Milliseconds },",
        "    global::System.ValueTuple<int, int, int> rgb => new[] { rgb.Item1, rgb.Item2, rgb.Item3 },",
        $"    global::System.Collections.Generic.IEnumerable<{Abstractions}EntityId> or global::System.Collections.Generic.IEnumerable<global::System.TimeOnly> or global::System.Collections.Generic.IEnumerable<global::System.TimeSpan> or global::System.Collections.Generic.IEnumerable<global::System.ValueTuple<int, int, int>>",
        $"        => global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Select(global::System.Linq.Enumerable.Cast<object>((global::System.Collections.IEnumerable)value), {ToJsonMethod})),",
        "    _ => value,",
        "};",
    ];

    /// <summary>Names an extension property must not take: <c>IHassPlugin</c>'s own members win over extensions, and the
    /// generated <c>GetAttributes</c>.</summary>
    private static readonly string[] HassMembers =
    [
        "GetState", "GetFullState", "TryGetFullState", "GetAllEntities", "GetAllEntityIds", "GetEntityIdsByAttribute",
        "CallServiceAsync", "WithConnectionWaitTimeout", "FireEventAsync", "GetServiceDefinitionsAsync", "SendRawCommandAsync",
        "ListenTriggerAsync", "StateChanges", "Events", "GetAttributes", "Equals", "GetHashCode", "ToString", "GetType",
    ];

    public static string Emit(string rootNamespace, SnapshotModel snapshot)
    {
        var domains = snapshot.Services
            .GroupBy(s => s.Domain, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(s => s.Service, StringComparer.Ordinal).ToList())
            .ToList();
        var structNames = new NameScope(ServicesClass, CallMethod, ToJsonMethod).Assign(domains, d => d[0].Domain, d => Identifiers.Pascal(d[0].Domain));
        var propertyNames = new NameScope(HassMembers).Assign(domains, d => d[0].Domain, d => Identifiers.Pascal(d[0].Domain));
        var writer = new CodeWriter(rootNamespace);
        writer.Summary("The Home Assistant services of the snapshot (hass.snapshot.json), a struct per domain; reach them through the app's <c>Hass</c>: <c>Hass.Light.TurnOnAsync(…)</c>.");
        writer.Open($"public static class {ServicesClass}");
        foreach (var line in CallHelper)
        {
            writer.Line(line);
        }

        writer.Line();
        for (var i = 0; i < domains.Count; i++)
        {
            EmitDomain(writer, structNames[i], domains[i]);
        }

        writer.Close();
        writer.Line();
        writer.Summary("<c>Hass.&lt;Domain&gt;</c>: the typed services of each domain (C# 14 extension properties on <c>IHassPlugin</c>).");
        writer.Open($"public static class {ExtensionsClass}");
        writer.Line("/// <param name=\"hass\">The app's Home Assistant API.</param>");
        writer.Open($"extension({Abstractions}IHassPlugin hass)");
        for (var i = 0; i < domains.Count; i++)
        {
            writer.Summary($"The services of domain <c>{CodeWriter.Xml(domains[i][0].Domain)}</c>.");
            writer.Line($"public {ServicesClass}.{structNames[i]} {propertyNames[i]} => new(hass);");
            writer.Line();
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void EmitDomain(CodeWriter writer, string structName, List<ServiceModel> services)
    {
        var domain = services[0].Domain;
        writer.Summary($"The services of domain <c>{CodeWriter.Xml(domain)}</c>; get it from <c>Hass</c>. Each call goes through IHassPlugin.CallServiceAsync: data keys are Home Assistant's field names, unset optional fields are left out.");
        writer.Open($"public readonly struct {structName}");
        writer.Line($"private readonly {Abstractions}IHassPlugin _hass;");
        writer.Line();
        writer.Summary("Wraps an app's Home Assistant API.");
        writer.Line("/// <param name=\"hass\">The app's <c>Hass</c>.</param>");
        writer.Line($"public {structName}({Abstractions}IHassPlugin hass) => _hass = hass;");
        var scope = new NameScope(structName, "Equals", "GetHashCode", "ToString", "GetType");
        var methodNames = scope.Assign(services, s => s.Service, s => Identifiers.Pascal(s.Service) + "Async");
        for (var i = 0; i < services.Count; i++)
        {
            EmitService(writer, scope, methodNames[i], services[i]);
        }

        writer.Close();
        writer.Line();
    }

    private static void EmitService(CodeWriter writer, NameScope typeScope, string methodName, ServiceModel service)
    {
        var parameterScope = new NameScope("target", "targets", "returnResponse", "cancellationToken");
        var fields = service.Fields
            .Where(f => f.Required)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Concat(service.Fields.Where(f => !f.Required).OrderBy(f => f.Name, StringComparer.Ordinal))
            .ToList();
        var parameterNames = parameterScope.Assign(fields, f => f.Name, f => Identifiers.Camel(f.Name));
        var parameters = fields.Select((f, i) => (Field: f, Name: parameterNames[i], Type: FieldType.For(f.Selector))).ToList();

        foreach (var (field, _, type) in parameters.Where(p => p.Field.Selector is { Kind: "select", Options.Count: > 0 }))
        {
            EmitOptions(writer, typeScope.Take(Identifiers.Pascal(service.Service) + Identifiers.Pascal(field.Name) + "Options"), service, field);
        }

        var declarations = parameters.Select(p => p.Field.Required ? $"{p.Type.ClrType} {p.Name}" : $"{p.Type.ClrType}? {p.Name} = null").ToList();
        if (service.Response == "optional")
        {
            declarations.Add("bool returnResponse = false");
        }

        declarations.Add($"{CancellationToken} cancellationToken = default");
        var call = $"{service.Domain}.{service.Service}";
        var returnResponse = service.Response switch { "only" => "true", "optional" => "returnResponse", _ => "false" };

        // The fields as name/value pairs for HassServices.Call.
        var fieldPairs = string.Concat(parameters.Select(p => $", {CodeWriter.Literal(p.Field.Name)}, {p.Name}"));
        string Call(string target)
            => $"    => {CallMethod}(_hass, {CodeWriter.Literal(service.Domain)}, {CodeWriter.Literal(service.Service)}, {target}, {returnResponse}, cancellationToken{fieldPairs});";

        if (service.TargetDomains is not { } targetDomains)
        {
            writer.Line();
            EmitDocs(writer, service, parameters, targetDoc: null);
            writer.Line($"public {ResultTask} {methodName}({string.Join(", ", declarations)})");
            writer.Line(Call("null"));
            return;
        }

        var targetType = EntityTypes.ForDomains(targetDomains.ToList());
        var targetNoun = targetDomains.Count == 0 ? "entity" : string.Join(" or ", targetDomains) + " entity";
        writer.Line();
        EmitDocs(writer, service, parameters, ("target", $"The {CodeWriter.Xml(targetNoun)} to call it on."));
        writer.Line($"public {ResultTask} {methodName}({string.Join(", ", new[] { $"{targetType} target" }.Concat(declarations))})");
        writer.Line(Call("target"));
        writer.Line();

        // No <param> tags (then none are required): the overload for one entity carries them, and documenting every
        // parameter twice was about a tenth of compiling the services (BENCHMARKS.md).
        writer.Summary($"{CodeWriter.Xml(call)} on several entities in one call; the fields are those of the overload for one entity.");
        writer.Line($"public {ResultTask} {methodName}({string.Join(", ", new[] { $"global::System.Collections.Generic.IEnumerable<{targetType}> targets" }.Concat(declarations))})");
        writer.Line(Call($"{Abstractions}ServiceTarget.Entities(targets)"));
    }

    private static void EmitDocs(CodeWriter writer, ServiceModel service, List<(FieldModel Field, string Name, FieldType Type)> parameters, (string Name, string Doc)? targetDoc)
    {
        // Plain text, no <c> markup: every element is parsed and written to the XML doc file, for each of the ~1,000
        // methods of a big home.
        var summary = $"{CodeWriter.Xml(service.Domain)}.{CodeWriter.Xml(service.Service)}";
        if (service.Name is { } name)
        {
            summary += ": " + CodeWriter.Xml(name);
        }

        writer.Summary(service.Description is { } description ? $"{summary}. {CodeWriter.Xml(description)}" : summary + ".");
        if (targetDoc is { } target)
        {
            writer.Line($"/// <param name=\"{target.Name}\">{target.Doc}</param>");
        }

        foreach (var (field, parameterName, type) in parameters)
        {
            var doc = $"{CodeWriter.Xml(field.Name)} ({CodeWriter.Xml(type.Shape)}{(field.Required ? ", required" : string.Empty)})";
            if (field.Description is { } fieldDescription)
            {
                doc += ": " + CodeWriter.Xml(fieldDescription);
            }

            if (field.Example is { } example)
            {
                doc += $" Example: {CodeWriter.Xml(example)}.";
            }

            writer.Line($"/// <param name=\"{parameterName.TrimStart('@')}\">{doc}</param>");
        }

        if (service.Response == "optional")
        {
            writer.Line("/// <param name=\"returnResponse\">Ask for the service's response (in ServiceCallResult.Response).</param>");
        }

        writer.Line("/// <param name=\"cancellationToken\">Cancels waiting for the result.</param>");
        var returns = service.Response switch
        {
            "only" => "The result; its Response holds the service's response (JSON).",
            "optional" => "The result; its Response holds the service's response (JSON) when returnResponse is true.",
            _ => null,
        };
        if (returns is not null)
        {
            writer.Line($"/// <returns>{returns}</returns>");
        }
    }

    private static void EmitOptions(CodeWriter writer, string className, ServiceModel service, FieldModel field)
    {
        writer.Line();
        ConstantsEmitter.Emit(writer, className, $"The options of {CodeWriter.Xml(field.Name)} of {CodeWriter.Xml(service.Domain)}.{CodeWriter.Xml(service.Service)}", field.Selector.Options);
    }
}
