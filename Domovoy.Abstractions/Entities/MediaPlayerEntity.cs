namespace Domovoy.Abstractions;

/// <summary>A media player; its state parses to its playback state.</summary>
/// <param name="entityId">The entity id; must start with <c>media_player.</c>.</param>
public sealed class MediaPlayerEntity(string entityId) : EntityId<MediaPlayerState?>(entityId, "media_player")
{
    /// <inheritdoc />
    protected override MediaPlayerState? Parse(EntityState state) => StateParsers.Enum<MediaPlayerState>(state.State);
}
