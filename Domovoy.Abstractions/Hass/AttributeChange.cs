using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>A change of one attribute (or, for <c>"all"</c>, of the whole entity).</summary>
/// <param name="EntityId">The entity id.</param>
/// <param name="Attribute">The attribute name, or <c>all</c>.</param>
/// <param name="Old">The previous attribute value (null when absent).</param>
/// <param name="New">The new attribute value (null when absent).</param>
/// <param name="OldState">The full previous state.</param>
/// <param name="NewState">The full new state.</param>
public sealed record AttributeChange(string EntityId, string Attribute, JsonElement? Old, JsonElement? New, EntityState? OldState, EntityState? NewState);
