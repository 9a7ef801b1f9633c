using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// Reads whole WebSocket messages from one socket into a reused buffer and parses them. A message above
/// <see cref="HassClientOptions.MaxMessageBytes"/> is read to its end without being kept, logged and skipped, so one
/// oversized message never costs the connection.
/// </summary>
internal sealed class HassFrameReader
{
    private const int ReceiveChunk = 16 * 1024;
    private const int KeepBufferBytes = 1024 * 1024;

    private readonly WebSocket _socket;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly byte[] _discard = new byte[ReceiveChunk];
    private ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    public HassFrameReader(WebSocket socket, long maxBytes, ILogger logger)
    {
        _socket = socket;
        _maxBytes = maxBytes;
        _logger = logger;
    }

    /// <summary>Whether the last message read was a coalesced JSON array.</summary>
    public bool LastWasArray { get; private set; }

    /// <summary>Reads the next message within the size limit and returns what it holds (one, or several when coalesced).</summary>
    /// <exception cref="HassConnectionException">The server closed the connection.</exception>
    /// <exception cref="JsonException">The message is not valid JSON (or is binary).</exception>
    public async Task<IReadOnlyList<HassMessage>> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_buffer.Capacity > KeepBufferBytes)
            {
                // A big message (a full get_states) came through; do not hold its buffer for the connection's life.
                _buffer = new ArrayBufferWriter<byte>(64 * 1024);
            }

            _buffer.ResetWrittenCount();
            long size = 0;
            var discarding = false;
            ValueWebSocketReceiveResult result;
            do
            {
                Memory<byte> target = discarding ? _discard : _buffer.GetMemory(ReceiveChunk)[..ReceiveChunk];
                result = await _socket.ReceiveAsync(target, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new HassConnectionException($"Home Assistant closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription}).");
                }

                size += result.Count;
                if (discarding)
                {
                    continue;
                }

                if (size > _maxBytes)
                {
                    discarding = true;
                    _buffer = new ArrayBufferWriter<byte>(64 * 1024);
                }
                else
                {
                    _buffer.Advance(result.Count);
                }
            }
            while (!result.EndOfMessage);

            if (discarding)
            {
                HassClientLog.MessageTooLarge(_logger, size, _maxBytes);
                continue;
            }

            if (result.MessageType != WebSocketMessageType.Text)
            {
                throw new JsonException("Home Assistant sent a binary frame.");
            }

            LastWasArray = _buffer.WrittenCount > 0 && _buffer.WrittenSpan[0] == (byte)'[';
            try
            {
                return HassJson.ParseFrame(_buffer.WrittenSpan);
            }
            catch (JsonException ex)
            {
                var length = Math.Min(_buffer.WrittenCount, 200);
                throw new JsonException($"{ex.Message} Frame of {_buffer.WrittenCount} bytes starting with: {Encoding.UTF8.GetString(_buffer.WrittenSpan[..length])}", ex);
            }
        }
    }
}
