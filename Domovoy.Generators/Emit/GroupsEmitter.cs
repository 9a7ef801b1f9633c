using System;
using System.Collections.Generic;
using System.Linq;
using Domovoy.Generators.Model;
using Domovoy.Generators.Naming;

namespace Domovoy.Generators.Emit;

/// <summary>Emits the groupings <c>Areas.&lt;Area&gt;.&lt;Domain&gt;.&lt;Entity&gt;</c> and
/// <c>Labels.&lt;Label&gt;.&lt;Domain&gt;.&lt;Entity&gt;</c> (the same typed ids as <c>Entities</c>), each group with an
/// <c>All</c> list.</summary>
internal static class GroupsEmitter
{
    /// <summary>A grouping: its top-level class, what one group is called in docs, the groups (id, display name) and
    /// which group ids an entity belongs to.</summary>
    public sealed record Grouping(string ClassName, string Noun, IReadOnlyList<(string Id, string Name)> Groups, Func<EntityModel, IEnumerable<string>> GroupsOf);

    public static string Emit(string rootNamespace, EntityNames names, Grouping grouping)
    {
        var members = names.Domains
            .SelectMany(d => d.Entities.Select(e => (Domain: d, Entity: e)))
            .SelectMany(x => grouping.GroupsOf(x.Entity.Model).Select(g => (Group: g, x.Domain, x.Entity)))
            .ToLookup(x => x.Group, StringComparer.Ordinal);
        var groups = grouping.Groups
            .Concat(members.Select(m => m.Key).Where(id => grouping.Groups.All(g => g.Id != id)).Select(id => (Id: id, Name: id)))
            .OrderBy(g => g.Id, StringComparer.Ordinal)
            .ToList();
        var writer = new CodeWriter(rootNamespace);
        var entities = $"global::{rootNamespace}.{EntityNames.EntitiesClass}";
        writer.Summary($"The snapshot's entities by {grouping.Noun}: the same typed ids as <c>Entities</c>, grouped by domain, with <c>All</c>.");
        writer.Open($"public static partial class {grouping.ClassName}");
        var classNames = new NameScope(grouping.ClassName).Assign(groups, g => g.Id, g => Identifiers.Pascal(g.Id));
        for (var i = 0; i < groups.Count; i++)
        {
            var (id, name) = groups[i];
            writer.Summary($"{grouping.Noun} {CodeWriter.Xml(name)} ({CodeWriter.Xml(id)}).");
            writer.Open($"public static partial class {classNames[i]}");
            var scope = new NameScope(classNames[i], EntitiesEmitter.AllMember);
            var all = new List<string>();
            foreach (var domain in members[id].GroupBy(m => m.Domain).OrderBy(d => d.Key.Domain, StringComparer.Ordinal))
            {
                var domainClass = scope.Take(domain.Key.ClassName);
                writer.Summary($"The {CodeWriter.Xml(domain.Key.Domain)} entities in {grouping.Noun} {CodeWriter.Xml(name)}.");
                writer.Open($"public static class {domainClass}");
                var inDomain = new List<string>();
                foreach (var (_, _, entity) in domain)
                {
                    // Plain text, not a cref nor <c> markup: binding thousands of crefs was the larger part of compiling
                    // the groupings, and every element is parsed and written to the XML doc file.
                    writer.Summary($"{CodeWriter.Xml(entity.Model.EntityId)} (Entities.{domain.Key.ClassName}.{entity.Name}).");
                    writer.Line($"public static readonly {EntityTypes.For(entity.Model)} {entity.Name} = {entities}.{domain.Key.ClassName}.{entity.Name};");
                    inDomain.Add(entity.Name);
                    all.Add($"{entities}.{domain.Key.ClassName}.{entity.Name}");
                }

                // Entity names never equal All (Entities reserves it in every domain class), so it is free here too.
                var elementType = domain.Select(d => EntityTypes.For(d.Entity.Model)).Distinct().Count() == 1 ? EntityTypes.For(domain.First().Entity.Model) : EntityTypes.AnyEntity;
                writer.Summary($"Every {CodeWriter.Xml(domain.Key.Domain)} entity in {grouping.Noun} {CodeWriter.Xml(name)}, in entity id order.");
                writer.ReadOnlyList(EntitiesEmitter.AllMember, elementType, inDomain);
                writer.Close();
                writer.Line();
            }

            writer.Summary($"Every entity in {grouping.Noun} {CodeWriter.Xml(name)}, in domain then entity id order.");
            writer.ReadOnlyList(EntitiesEmitter.AllMember, EntityTypes.AnyEntity, all);
            writer.Close();
            writer.Line();
        }

        writer.Close();
        return writer.ToString();
    }
}
