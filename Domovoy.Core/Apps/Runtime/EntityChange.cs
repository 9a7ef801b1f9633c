using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>One change of an entity as an app sees it.</summary>
/// <param name="Old">The state the subscription saw last (null: none, or the entity did not exist).</param>
/// <param name="New">The new state (null: the entity was removed).</param>
/// <param name="ObservedAt">When the change reached the host (host clock), so holds count from then, not from when the app's queue got to it.</param>
internal readonly record struct EntityChange(EntityState? Old, EntityState? New, DateTimeOffset ObservedAt);
