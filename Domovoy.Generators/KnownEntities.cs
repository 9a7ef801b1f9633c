using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Domovoy.Generators.Model;
using Domovoy.Generators.Naming;
using Microsoft.CodeAnalysis;

namespace Domovoy.Generators;

/// <summary>The entity ids of the project's snapshot for <see cref="UnknownEntityAnalyzer"/>, and the generated member of
/// each (named only when a diagnostic needs one).</summary>
internal sealed class KnownEntities
{
    private readonly HashSet<string> _ids;
    private readonly Lazy<Dictionary<string, string>> _members;

    private KnownEntities(SnapshotModel snapshot, string rootNamespace)
    {
        _ids = new HashSet<string>(snapshot.Entities.Select(e => e.EntityId), StringComparer.Ordinal);
        _members = new Lazy<Dictionary<string, string>>(() => EntityNames.Create(snapshot).Domains
            .SelectMany(d => d.Entities.Select(e => (e.Model.EntityId, Member: $"global::{rootNamespace}.{EntityNames.EntitiesClass}.{d.ClassName}.{e.Name}")))
            .ToDictionary(e => e.EntityId, e => e.Member, StringComparer.Ordinal));
    }

    /// <summary>Reads the snapshot; null when it cannot be read (the generator reports why).</summary>
    public static KnownEntities? Read(AdditionalText file, string rootNamespace, CancellationToken cancellationToken)
        => file.GetText(cancellationToken) is { } text && SnapshotReader.Read(file.Path, text.ToString()).Model is { } snapshot
            ? new KnownEntities(snapshot, rootNamespace)
            : null;

    public bool Contains(string id) => _ids.Contains(id);

    /// <summary>The closest known ids to a mistyped one (see <see cref="ClosestIds"/>).</summary>
    public IReadOnlyList<string> Closest(string id) => ClosestIds.Find(id, _ids);

    /// <summary>The fully qualified generated member of a known id, e.g. <c>global::App.Entities.Light.Hallway</c>.</summary>
    public string MemberOf(string id) => _members.Value[id];
}
