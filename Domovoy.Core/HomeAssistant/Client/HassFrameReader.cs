using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// Reads whole WebSocket messages (however many fragments and receive calls they take) from one socket into a pooled
/// buffer and parses them in place: the returned document points into that buffer, so nothing of a frame is copied
/// and nothing lands on the large-object heap per frame. A message above <see cref="HassClientOptions.MaxMessageBytes"/>
/// is read to its end without being kept, logged and skipped, so one oversized message never costs the connection.
/// </summary>
/// <remarks>One reader at a time; the document of a read must be disposed before the next read reuses the buffer.</remarks>
internal sealed class HassFrameReader
{
    private const int ReceiveChunk = 16 * 1024;
    private const int InitialBufferBytes = 64 * 1024;
    private const int KeepBufferBytes = 1024 * 1024;

    private readonly WebSocket _socket;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);

    public HassFrameReader(WebSocket socket, long maxBytes, ILogger logger)
    {
        _socket = socket;
        _maxBytes = maxBytes;
        _logger = logger;
    }

    /// <summary>Whether the last message read was a coalesced JSON array.</summary>
    public bool LastWasArray { get; private set; }

    /// <summary>Reads the next message and returns what it holds (one, or several when coalesced), detached from the buffer.</summary>
    /// <exception cref="HassConnectionException">The server closed the connection.</exception>
    /// <exception cref="JsonException">The message is not valid JSON (or is binary).</exception>
    public async Task<IReadOnlyList<HassMessage>> ReadAsync(CancellationToken cancellationToken)
    {
        using var document = await ReadDocumentAsync(cancellationToken).ConfigureAwait(false);
        var messages = new List<HassMessage>();
        HassJson.ForEachMessage(document.RootElement, message => messages.Add(HassJson.ParseMessage(message).Detach()));
        return messages;
    }

    /// <summary>
    /// Reads the next message within the size limit and parses it in place. Dispose the document before the next read:
    /// its elements are only valid until then.
    /// </summary>
    /// <exception cref="HassConnectionException">The server closed the connection.</exception>
    /// <exception cref="JsonException">The message is not valid JSON (or is binary).</exception>
    public async Task<JsonDocument> ReadDocumentAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_buffer.Length > KeepBufferBytes)
            {
                // A big message (a full get_states) came through; do not hold its buffer for the connection's life.
                Replace(ArrayPool<byte>.Shared.Rent(InitialBufferBytes), 0);
            }

            var length = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (length < 0)
            {
                continue;
            }

            LastWasArray = length > 0 && _buffer[0] == (byte)'[';
            var frame = new ReadOnlyMemory<byte>(_buffer, 0, length);
            try
            {
                return JsonDocument.Parse(frame);
            }
            catch (JsonException ex)
            {
                var shown = Math.Min(length, 200);
                throw new JsonException($"{ex.Message} Frame of {length} bytes starting with: {Encoding.UTF8.GetString(_buffer, 0, shown)}", ex);
            }
        }
    }

    /// <summary>Receives one whole message into the buffer; returns its length, or -1 when it was too large and skipped.</summary>
    private async Task<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        long size = 0;
        var length = 0;
        var discarding = false;
        ValueWebSocketReceiveResult result;
        do
        {
            if (!discarding && _buffer.Length - length < ReceiveChunk)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, length + ReceiveChunk));
                Replace(larger, length);
            }

            // While discarding, the start of the buffer is overwritten again and again: its content no longer matters.
            var target = discarding ? _buffer.AsMemory(0, ReceiveChunk) : _buffer.AsMemory(length);
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
                Replace(ArrayPool<byte>.Shared.Rent(InitialBufferBytes), 0);
            }
            else
            {
                length += result.Count;
            }
        }
        while (!result.EndOfMessage);

        if (discarding)
        {
            HassClientLog.MessageTooLarge(_logger, size, _maxBytes);
            return -1;
        }

        if (result.MessageType != WebSocketMessageType.Text)
        {
            throw new JsonException("Home Assistant sent a binary frame.");
        }

        return length;
    }

    /// <summary>Moves the first <paramref name="keep"/> bytes into <paramref name="buffer"/> and returns the old buffer to the pool.</summary>
    private void Replace(byte[] buffer, int keep)
    {
        _buffer.AsSpan(0, keep).CopyTo(buffer);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = buffer;
    }
}
