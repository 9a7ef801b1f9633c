namespace Domovoy.Generators.Model;

/// <summary>The parts of <c>hass.snapshot.json</c> the generator uses (docs/hass-snapshot.md). Value-equal, so an
/// unchanged snapshot is a cache hit.</summary>
internal sealed record SnapshotModel(
    EquatableArray<AreaModel> Areas,
    EquatableArray<LabelModel> Labels,
    EquatableArray<EntityModel> Entities,
    EquatableArray<ServiceModel> Services);

/// <summary>An area from the area registry.</summary>
internal sealed record AreaModel(string Id, string Name);

/// <summary>A label from the label registry.</summary>
internal sealed record LabelModel(string Id, string Name);

/// <summary>One entity of the snapshot.</summary>
internal sealed record EntityModel(
    string EntityId,
    string Domain,
    string ObjectId,
    string? FriendlyName,
    string StateKind,
    string? Unit,
    string? DeviceClass,
    string? StateClass,
    EquatableArray<string> Options,
    string? Area,
    string? Device,
    EquatableArray<string> Labels,
    EquatableArray<AttributeModel> Attributes);

/// <summary>An attribute observed on an entity, with its observed JSON type (string, number, boolean, array, object,
/// mixed or null).</summary>
internal sealed record AttributeModel(string Name, string Type);

/// <summary>One service. <see cref="TargetDomains"/> is null when the service takes no target, empty for any entity.</summary>
internal sealed record ServiceModel(
    string Domain,
    string Service,
    string? Name,
    string? Description,
    EquatableArray<string>? TargetDomains,
    string Response,
    EquatableArray<FieldModel> Fields);

/// <summary>One field of a service, with its selector reduced to what decides the C# type.</summary>
internal sealed record FieldModel(string Name, string? Description, bool Required, string? Example, SelectorModel Selector);

/// <summary>A service field's selector: its kind (HA's selector key, e.g. <c>number</c>, <c>entity</c>; empty when the
/// field has none), whether it takes several values, the entity domains an entity selector accepts, a select's options
/// and a number's unit.</summary>
internal sealed record SelectorModel(string Kind, bool Multiple, EquatableArray<string> EntityDomains, EquatableArray<string> Options, string? Unit);
