namespace Domovoy.Abstractions;

/// <summary>How Home Assistant's UI shows a number entity.</summary>
public enum ServEntNumberMode
{
    /// <summary>Home Assistant chooses (<c>auto</c>).</summary>
    Auto,

    /// <summary>An input box (<c>box</c>).</summary>
    Box,

    /// <summary>A slider (<c>slider</c>).</summary>
    Slider,
}
