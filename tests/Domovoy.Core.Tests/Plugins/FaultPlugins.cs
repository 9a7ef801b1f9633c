namespace Domovoy.Core.Tests.Plugins;

/// <summary>
/// C# sources of apps that misbehave the way users' apps do, added to a test plugin with
/// <see cref="Infrastructure.PluginWorkspace.WritePlugin"/>'s <c>extraCode</c>. Every plugin also gets
/// <see cref="Responder"/>, the app a test pings through Home Assistant to prove it is serving.
/// </summary>
internal static class FaultPlugins
{
    /// <summary>The entity responders write their answers to.</summary>
    public const string ReplyEntity = "input_text.welcome_message";

    /// <summary>
    /// <c>ResponderApp</c> answers the event <c>domovoy_ping</c> addressed to it (data <c>{to, n}</c>) by setting
    /// <see cref="ReplyEntity"/> to <c>"&lt;app&gt; &lt;reply&gt; &lt;n&gt;"</c> through a service call.
    /// </summary>
    public const string Responder = """
        public sealed class ResponderConfig : AppConfigBase
        {
            public string Reply { get; init; } = "";
        }

        public sealed class ResponderApp : AppBase<ResponderConfig>
        {
            public override Task InitializeAsync(CancellationToken cancellationToken)
            {
                Callbacks.ListenEvent("domovoy_ping", async (e, token) =>
                {
                    if (e.Data.GetProperty("to").GetString() != Meta.AppName)
                    {
                        return;
                    }

                    var n = e.Data.GetProperty("n").GetInt32();
                    await Hass.CallServiceAsync("input_text", "set_value", new InputTextEntity("input_text.welcome_message"), new { value = $"{Meta.AppName} {Config.Reply} {n}" }, cancellationToken: token);
                });
                return Task.CompletedTask;
            }
        }
        """;

    /// <summary>Apps whose InitializeAsync never returns: async (ignores its token) and sync (blocks its thread).</summary>
    public const string HungInit = """
        public sealed class HungAsyncApp : AppBase
        {
            public override async Task InitializeAsync(CancellationToken cancellationToken)
            {
                Log.LogInformation("HUNG-ASYNC entered");
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
            }
        }

        public sealed class HungSyncApp : AppBase
        {
            public override Task InitializeAsync(CancellationToken cancellationToken)
            {
                Log.LogInformation("HUNG-SYNC entered");
                Thread.Sleep(60_000);
                return Task.CompletedTask;
            }
        }
        """;

    /// <summary><c>StuckApp</c>: on the event <c>domovoy_stuck</c> its callback blocks for a minute, ignoring its token.</summary>
    public const string StuckCallback = """
        public sealed class StuckApp : AppBase
        {
            public override Task InitializeAsync(CancellationToken cancellationToken)
            {
                Callbacks.ListenEvent("domovoy_stuck", e =>
                {
                    Log.LogInformation("STUCK entered");
                    Thread.Sleep(60_000);
                });
                return Task.CompletedTask;
            }
        }
        """;

    /// <summary><c>StuckTimerApp</c>: a timer 1 ms after start blocks its callback for a minute (no Home Assistant needed).</summary>
    public const string StuckTimer = """
        public sealed class StuckTimerApp : AppBase
        {
            public override Task InitializeAsync(CancellationToken cancellationToken)
            {
                Callbacks.RunIn(TimeSpan.FromMilliseconds(1), () =>
                {
                    Log.LogInformation("STUCK entered");
                    Thread.Sleep(60_000);
                });
                return Task.CompletedTask;
            }
        }
        """;

    /// <summary>Apps whose FinalizeAsync throws (<c>ThrowingFinalizeApp</c>) or never returns (<c>HangingFinalizeApp</c>).</summary>
    public const string BadFinalize = """
        public sealed class ThrowingFinalizeApp : AppBase
        {
            public override Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public override Task FinalizeAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("finalize boom");
        }

        public sealed class HangingFinalizeApp : AppBase
        {
            public override Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public override Task FinalizeAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
        """;

    /// <summary><c>ThrowingCtorApp</c>: its constructor throws.</summary>
    public const string ThrowingConstructor = """
        public sealed class ThrowingCtorApp : AppBase
        {
            public ThrowingCtorApp()
            {
                throw new InvalidOperationException("ctor boom");
            }

            public override Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    /// <summary><c>ForegroundThreadApp</c> starts a foreground thread that never ends.</summary>
    public const string ForegroundThread = """
        public sealed class ForegroundThreadApp : AppBase
        {
            public override Task InitializeAsync(CancellationToken cancellationToken)
            {
                new Thread(() => Thread.Sleep(Timeout.Infinite)) { IsBackground = false, Name = "app-foreground" }.Start();
                Log.LogInformation("FOREGROUND started");
                return Task.CompletedTask;
            }
        }
        """;

    /// <summary><c>ServiceOnInitApp</c>: its InitializeAsync calls a service, so it needs Home Assistant connected.</summary>
    public const string ServiceOnInit = """
        public sealed class ServiceOnInitApp : AppBase<ResponderConfig>
        {
            public override async Task InitializeAsync(CancellationToken cancellationToken)
            {
                await Hass.CallServiceAsync("input_text", "set_value", new InputTextEntity("input_text.welcome_message"), new { value = "init " + Config.Reply }, throwOnError: true, cancellationToken: cancellationToken);
            }
        }
        """;
}
