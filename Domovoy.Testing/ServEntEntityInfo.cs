namespace Domovoy.Testing;

/// <summary>A Home Assistant entity an app created through ServEnts (from the app's <c>servents.create_entity</c> calls).</summary>
/// <param name="App">The app that created it.</param>
/// <param name="ServEntId">Its servent id (stable across reloads), e.g. <c>motion_counter-motion_events</c>.</param>
/// <param name="EntityType">The ServEnts entity type: <c>sensor</c>, <c>switch</c>, <c>button</c>, <c>number</c>, …</param>
/// <param name="Name">Its display name, e.g. <c>Motion Events</c>.</param>
/// <param name="EntityId">Its entity id in Home Assistant, or null when it has not appeared (yet).</param>
public sealed record ServEntEntityInfo(string App, string ServEntId, string EntityType, string Name, string? EntityId);
