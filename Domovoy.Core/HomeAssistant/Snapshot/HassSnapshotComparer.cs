namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>
/// Compares a committed snapshot with a fresh one, for <c>domovoy codegen --check</c>: one line per added, removed,
/// renamed or changed entity or service. A rename is a removed and an added entity of the same domain and friendly
/// name (an entity id changed in HA's UI keeps its name).
/// </summary>
internal static class HassSnapshotComparer
{
    /// <summary>The differences, empty when the snapshots are equal (the HA version is ignored).</summary>
    public static IReadOnlyList<string> Compare(HassSnapshot committed, HassSnapshot live)
    {
        var lines = new List<string>();
        var before = committed.Entities.ToDictionary(e => e.EntityId, StringComparer.Ordinal);
        var after = live.Entities.ToDictionary(e => e.EntityId, StringComparer.Ordinal);
        var removed = before.Values.Where(e => !after.ContainsKey(e.EntityId)).ToList();
        var added = after.Values.Where(e => !before.ContainsKey(e.EntityId)).ToList();

        foreach (var old in removed.ToList())
        {
            var renamedTo = old.FriendlyName is null ? null : added.FirstOrDefault(n => n.Domain == old.Domain && n.FriendlyName == old.FriendlyName);
            if (renamedTo is not null)
            {
                lines.Add($"renamed entity {old.EntityId} -> {renamedTo.EntityId} ('{old.FriendlyName}')");
                removed.Remove(old);
                added.Remove(renamedTo);
            }
        }

        lines.AddRange(removed.Select(e => $"removed entity {e.EntityId}"));
        lines.AddRange(added.Select(e => $"added entity {e.EntityId}"));
        foreach (var (id, old) in before)
        {
            if (after.TryGetValue(id, out var now) && HassSnapshotJson.Render(old with { State = string.Empty }) != HassSnapshotJson.Render(now with { State = string.Empty }))
            {
                lines.Add($"changed entity {id}: {DescribeEntityChange(old, now)}");
            }
        }

        var oldServices = committed.Services.ToDictionary(s => $"{s.Domain}.{s.Service}", StringComparer.Ordinal);
        var newServices = live.Services.ToDictionary(s => $"{s.Domain}.{s.Service}", StringComparer.Ordinal);
        lines.AddRange(oldServices.Keys.Where(k => !newServices.ContainsKey(k)).Select(k => $"removed service {k}"));
        lines.AddRange(newServices.Keys.Where(k => !oldServices.ContainsKey(k)).Select(k => $"added service {k}"));
        foreach (var (key, old) in oldServices)
        {
            if (newServices.TryGetValue(key, out var now) && HassSnapshotJson.Render(old) != HassSnapshotJson.Render(now))
            {
                lines.Add($"changed service {key}: {DescribeServiceChange(old, now)}");
            }
        }

        if (!committed.Areas.SequenceEqual(live.Areas))
        {
            lines.Add("changed areas");
        }

        if (!committed.Labels.SequenceEqual(live.Labels))
        {
            lines.Add("changed labels");
        }

        return lines;
    }

    private static string DescribeEntityChange(SnapshotEntity old, SnapshotEntity now)
    {
        var parts = new List<string>();
        void Field(string name, string? a, string? b)
        {
            if (a != b)
            {
                parts.Add($"{name} '{a}' -> '{b}'");
            }
        }

        Field("friendly_name", old.FriendlyName, now.FriendlyName);
        Field("state_kind", old.StateKind, now.StateKind);
        Field("unit_of_measurement", old.UnitOfMeasurement, now.UnitOfMeasurement);
        Field("device_class", old.DeviceClass, now.DeviceClass);
        Field("area", old.Area, now.Area);
        var oldAttributes = old.Attributes.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var newAttributes = now.Attributes.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        parts.AddRange(newAttributes.Except(oldAttributes).Order(StringComparer.Ordinal).Select(a => $"attribute {a} added"));
        parts.AddRange(oldAttributes.Except(newAttributes).Order(StringComparer.Ordinal).Select(a => $"attribute {a} removed"));
        return parts.Count > 0 ? string.Join(", ", parts) : "options, labels, device or attribute types";
    }

    private static string DescribeServiceChange(SnapshotService old, SnapshotService now)
    {
        var oldFields = old.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var newFields = now.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var parts = newFields.Except(oldFields).Order(StringComparer.Ordinal).Select(f => $"field {f} added")
            .Concat(oldFields.Except(newFields).Order(StringComparer.Ordinal).Select(f => $"field {f} removed"))
            .ToList();
        return parts.Count > 0 ? string.Join(", ", parts) : "field types, target or response";
    }
}
