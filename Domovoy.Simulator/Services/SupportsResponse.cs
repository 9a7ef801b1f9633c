namespace Domovoy.Simulator.Services;

/// <summary>core.SupportsResponse.</summary>
internal enum SupportsResponse
{
    None,
    Optional,
    Only,
}
