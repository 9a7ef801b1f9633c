namespace Domovoy.Abstractions;

/// <summary>
/// Creates real Home Assistant entities (sensors, switches, numbers, selects, buttons) through the ServEnts
/// integration. Its members arrive with the ServEnts work; the interface is declared now so apps compile against the
/// final shape of <see cref="AppBase"/>.
/// </summary>
public partial interface IServEntsPlugin
{
}
