namespace Domovoy.Abstractions;

/// <summary>Statistics of one registered callback, for status views.</summary>
/// <param name="Id">The callback's id.</param>
/// <param name="Name">The callback's name (the delegate expression by default).</param>
/// <param name="Kind">What kind of registration it is.</param>
/// <param name="Description">What it listens to or when it runs, e.g. <c>every 00:05:00</c> or <c>light.kitchen</c>.</param>
/// <param name="IsRegistered">False once cancelled or finished.</param>
/// <param name="TimesCalled">How often the callback ran.</param>
/// <param name="LastCall">When it last started.</param>
/// <param name="LastError">When it last threw.</param>
/// <param name="LastErrorMessage">The message of the last exception.</param>
/// <param name="NextRun">For timers, the next due time.</param>
/// <param name="TimesFailed">How often the callback threw (all counted, including those only summarised in the log).</param>
public sealed record CallbackInfo(
    CallbackId Id,
    string Name,
    CallbackKind Kind,
    string Description,
    bool IsRegistered,
    long TimesCalled,
    DateTimeOffset? LastCall,
    DateTimeOffset? LastError,
    string? LastErrorMessage,
    DateTimeOffset? NextRun,
    long TimesFailed = 0);
