using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>The outcome of <see cref="IHassPlugin.CallServiceAsync"/>.</summary>
/// <param name="Success">Whether Home Assistant accepted the call.</param>
/// <param name="Context">The context of the call (state writes it caused carry the same id).</param>
/// <param name="Response">The service response when <c>returnResponse</c> was requested.</param>
/// <param name="Error">The error when <paramref name="Success"/> is false.</param>
public sealed record ServiceCallResult(bool Success, HassContext? Context, JsonElement? Response, HassError? Error);
