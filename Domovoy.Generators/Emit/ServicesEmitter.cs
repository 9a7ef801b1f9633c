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
        var structNames = new NameScope(ServicesClass).Assign(domains, d => d[0].Domain, d => Identifiers.Pascal(d[0].Domain));
        var propertyNames = new NameScope(HassMembers).Assign(domains, d => d[0].Domain, d => Identifiers.Pascal(d[0].Domain));
        var writer = new CodeWriter(rootNamespace);
        writer.Summary("The Home Assistant services of the snapshot (hass.snapshot.json), a struct per domain; reach them through the app's <c>Hass</c>: <c>Hass.Light.TurnOnAsync(…)</c>.");
        writer.Open($"public static class {ServicesClass}");
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
        writer.Summary($"The services of domain <c>{CodeWriter.Xml(domain)}</c>; get it from <c>Hass</c>. Each call goes through <c>IHassPlugin.CallServiceAsync</c>: data keys are Home Assistant's field names, unset optional fields are left out.");
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

        var fieldDeclarations = parameters.Select(p => p.Field.Required ? $"{p.Type.ClrType} {p.Name}" : $"{p.Type.ClrType}? {p.Name} = null").ToList();
        var fieldArguments = parameters.Select(p => p.Name).ToList();
        if (service.Response == "optional")
        {
            fieldDeclarations.Add("bool returnResponse = false");
            fieldArguments.Add("returnResponse");
        }

        fieldDeclarations.Add($"{CancellationToken} cancellationToken = default");
        fieldArguments.Add("cancellationToken");
        var returnResponse = service.Response switch { "only" => "true", "optional" => "returnResponse", _ => "false" };
        var call = $"{service.Domain}.{service.Service}";

        if (service.TargetDomains is not { } targetDomains)
        {
            writer.Line();
            EmitDocs(writer, service, parameters, targetDoc: null);
            writer.Open($"public {ResultTask} {methodName}({string.Join(", ", fieldDeclarations)})");
            EmitBody(writer, service, parameters, "null", returnResponse);
            writer.Close();
            return;
        }

        var targetType = EntityTypes.ForDomains(targetDomains.ToList());
        var targetNoun = targetDomains.Count == 0 ? "entity" : string.Join(" or ", targetDomains) + " entity";
        writer.Line();
        EmitDocs(writer, service, parameters, ("target", $"The {CodeWriter.Xml(targetNoun)} to call {CodeWriter.Xml(call)} on."));
        writer.Line($"public {ResultTask} {methodName}({string.Join(", ", new[] { $"{targetType} target" }.Concat(fieldDeclarations))})");
        writer.Line($"    => {methodName}({string.Join(", ", new[] { $"new {targetType}[] {{ target }}" }.Concat(fieldArguments))});");
        writer.Line();
        EmitDocs(writer, service, parameters, ("targets", $"The {CodeWriter.Xml(targetNoun)} entities to call {CodeWriter.Xml(call)} on (one call for all)."));
        writer.Open($"public {ResultTask} {methodName}({string.Join(", ", new[] { $"global::System.Collections.Generic.IEnumerable<{targetType}> targets" }.Concat(fieldDeclarations))})");
        EmitBody(writer, service, parameters, $"{Abstractions}ServiceTarget.Entities(targets)", returnResponse);
        writer.Close();
    }

    private static void EmitBody(CodeWriter writer, ServiceModel service, List<(FieldModel Field, string Name, FieldType Type)> parameters, string target, string returnResponse)
    {
        var data = "null";
        if (parameters.Count > 0)
        {
            data = "__data";
            writer.Line($"var __data = new global::System.Collections.Generic.Dictionary<string, object?>({parameters.Count});");
            var n = 0;
            foreach (var (field, name, type) in parameters)
            {
                var key = CodeWriter.Literal(field.Name);
                if (field.Required)
                {
                    writer.Line($"__data[{key}] = {type.ToJson(name)};");
                }
                else
                {
                    var local = $"__v{n++}";
                    writer.Line($"if ({name} is {{ }} {local}) __data[{key}] = {type.ToJson(local)};");
                }
            }
        }

        writer.Line($"return _hass.CallServiceAsync({CodeWriter.Literal(service.Domain)}, {CodeWriter.Literal(service.Service)}, {target}, {data}, returnResponse: {returnResponse}, cancellationToken: cancellationToken);");
    }

    private static void EmitDocs(CodeWriter writer, ServiceModel service, List<(FieldModel Field, string Name, FieldType Type)> parameters, (string Name, string Doc)? targetDoc)
    {
        var summary = $"<c>{CodeWriter.Xml(service.Domain)}.{CodeWriter.Xml(service.Service)}</c>";
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
            var doc = $"<c>{CodeWriter.Xml(field.Name)}</c> ({CodeWriter.Xml(type.Shape)}{(field.Required ? ", required" : string.Empty)})";
            if (field.Description is { } fieldDescription)
            {
                doc += ": " + CodeWriter.Xml(fieldDescription);
            }

            if (field.Example is { } example)
            {
                doc += $" Example: <c>{CodeWriter.Xml(example)}</c>.";
            }

            writer.Line($"/// <param name=\"{parameterName.TrimStart('@')}\">{doc}</param>");
        }

        if (service.Response == "optional")
        {
            writer.Line("/// <param name=\"returnResponse\">Ask for the service's response (in <c>ServiceCallResult.Response</c>).</param>");
        }

        writer.Line("/// <param name=\"cancellationToken\">Cancels waiting for the result (the call may still run in Home Assistant).</param>");
        var returns = service.Response switch
        {
            "only" => "The result; its <c>Response</c> holds the service's response (JSON).",
            "optional" => "The result; its <c>Response</c> holds the service's response (JSON) when <paramref name=\"returnResponse\"/> is true.",
            _ => "The result of the call (success, context, error).",
        };
        writer.Line($"/// <returns>{returns}</returns>");
    }

    private static void EmitOptions(CodeWriter writer, string className, ServiceModel service, FieldModel field)
    {
        writer.Line();
        ConstantsEmitter.Emit(writer, className, $"The options of <c>{CodeWriter.Xml(field.Name)}</c> of <c>{CodeWriter.Xml(service.Domain)}.{CodeWriter.Xml(service.Service)}</c>.", field.Selector.Options);
    }
}
