using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Registry;

/// <summary>
/// An extra service from the entities file: described by get_services exactly as given (fields verbatim, with their
/// selectors), so a client's code generation can be tested against any field type. A call is validated only for its
/// target's domain, recorded and fired as call_service like any other; with a response it returns <c>{"data": …}</c>.
/// </summary>
/// <param name="Domain">The service domain.</param>
/// <param name="Service">The service name.</param>
/// <param name="Name">The display name.</param>
/// <param name="Description">The description.</param>
/// <param name="TargetDomain">The entity domain of its target, or null for a service without target.</param>
/// <param name="Fields">HA's fields object: <c>{field: {required, example, selector}}</c>.</param>
/// <param name="Response">none, optional or only.</param>
internal sealed record SeedService(string Domain, string Service, string Name, string Description, string? TargetDomain, JsonObject Fields, string Response);
