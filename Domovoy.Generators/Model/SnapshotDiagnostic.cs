namespace Domovoy.Generators.Model;

/// <summary>A problem found in the snapshot file, kept as plain values (no <c>Location</c>) so it caches with the model.</summary>
internal sealed record SnapshotDiagnostic(string Id, string FilePath, int Line, int Column, string Message);

/// <summary>The result of reading one snapshot file: the model (null when unreadable) and what was wrong with it.</summary>
internal sealed record SnapshotResult(SnapshotModel? Model, EquatableArray<SnapshotDiagnostic> Diagnostics);
