namespace Domovoy.Testing;

/// <summary>An exception thrown by an app's callback (listener, timer, button press) or background work.</summary>
/// <param name="App">The app's name.</param>
/// <param name="Message">The host's log line about it (names the callback).</param>
/// <param name="Exception">The app's exception.</param>
public sealed record AppCallbackError(string App, string Message, Exception Exception);
