namespace Domovoy.Abstractions;

/// <summary>
/// Base class of every app configuration. Derive a class (or record) from it, annotate its properties with
/// <see cref="System.ComponentModel.DataAnnotations"/> attributes, and the host validates each instance before the app starts.
/// </summary>
public abstract class AppConfigBase
{
}
