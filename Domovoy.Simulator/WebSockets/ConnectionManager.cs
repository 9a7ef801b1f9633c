using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Domovoy.Simulator.WebSockets;

/// <summary>Live WebSocket connections plus the knobs and counters tests use. Guarded by the core gate.</summary>
internal sealed class ConnectionManager(SimulatorCore core)
{
    private static readonly JsonSerializerOptions RawJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<WsConnection> _connections = [];
    private readonly List<string> _commandTypes = [];
    private readonly List<string> _commands = [];

    public SimulatorCore Core { get; } = core;

    public TimeSpan ResultDelay { get; set; }

    public bool WithholdResults { get; set; }

    public int FailedLogins { get; private set; }

    public long CommandsReceived { get; private set; }

    public int Count
    {
        get
        {
            lock (Core.Gate)
            {
                return _connections.Count;
            }
        }
    }

    public int AuthenticatedCount
    {
        get
        {
            lock (Core.Gate)
            {
                return _connections.Count(c => c.IsAuthenticated);
            }
        }
    }

    public IReadOnlyList<string> CommandTypes
    {
        get
        {
            lock (Core.Gate)
            {
                return _commandTypes.ToArray();
            }
        }
    }

    /// <summary>Every call_service command received, re-serialized with its key order and raw non-ASCII text.</summary>
    public IReadOnlyList<string> ServiceCalls
    {
        get
        {
            lock (Core.Gate)
            {
                return _commands.ToArray();
            }
        }
    }

    public int CountCommands(string type)
    {
        lock (Core.Gate)
        {
            return _commandTypes.Count(t => t == type);
        }
    }

    public WsConnection[] Snapshot()
    {
        lock (Core.Gate)
        {
            return _connections.ToArray();
        }
    }

    public void Add(WsConnection connection)
    {
        lock (Core.Gate)
        {
            _connections.Add(connection);
        }

        Core.Pulse();
    }

    public void Remove(WsConnection connection)
    {
        lock (Core.Gate)
        {
            _connections.Remove(connection);
        }

        Core.Pulse();
    }

    public void RecordFailedLogin()
    {
        lock (Core.Gate)
        {
            FailedLogins++;
        }

        Core.Pulse();
    }

    /// <summary>Called under the gate for every message element received in the command phase.</summary>
    public void RecordCommand(string? type, JsonObject? command = null)
    {
        CommandsReceived++;
        if (command is not null && type == "call_service")
        {
            _commands.Add(command.ToJsonString(RawJson));
        }

        if (type is not null)
        {
            _commandTypes.Add(type);
        }
    }

    public void ResetCounters()
    {
        lock (Core.Gate)
        {
            _commandTypes.Clear();
            _commands.Clear();
            CommandsReceived = 0;
            FailedLogins = 0;
        }
    }
}
