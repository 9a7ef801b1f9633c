namespace Domovoy.Host.Hosting;

/// <summary>The host's process exit codes (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>Stopped normally; every app finalized.</summary>
    public const int Success = 0;

    /// <summary>The configuration (file or command line) is invalid.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>Home Assistant rejected the access token.</summary>
    public const int AuthenticationFailed = 3;

    /// <summary>Stopped, but at least one app missed the finalize deadline and was abandoned (each is named in the log).</summary>
    public const int AppsAbandoned = 4;

    /// <summary><c>codegen --check</c> found the snapshot out of date, or <c>check</c> found a problem (each is printed).</summary>
    public const int ChecksFailed = 5;

    /// <summary><c>codegen</c> could not reach Home Assistant in time.</summary>
    public const int HomeAssistantUnavailable = 6;
}
