using DerivBot.Core.Ports;

namespace DerivBot.Venues.Streams;

/// <summary>What one stream does on each connection of a <see cref="ReconnectingSocket"/>, beyond receiving frames.</summary>
internal interface ISocketStreamHooks
{
    /// <summary>
    /// Runs once per connection right after it opened (e.g. subscribe), under the connection's error handling: a send
    /// failure drops the connection, silence during it counts as silence. Returns work that lives as long as the
    /// connection (a keepalive) or null; its failure drops the connection, and it is cancelled when the connection ends.
    /// </summary>
    Task<Task?> OnConnectedAsync(SocketSender send, CancellationToken connection);

    /// <summary>Parses one complete text frame and hands what it carries to <paramref name="handler"/>. Throws
    /// <see cref="VenueException"/> for a malformed frame, which is skipped (logged every 100th), not fatal.</summary>
    void OnFrame(ReadOnlyMemory<byte> frame, IMarketStreamHandler handler);

    /// <summary>Called after each connection ended, however it ended (e.g. to forget the subscription).</summary>
    void OnConnectionEnded();
}

/// <summary>Sends one text frame on the live connection; sends are serialized.</summary>
internal delegate Task SocketSender(string text, CancellationToken cancellationToken);

/// <summary>How a <see cref="ReconnectingSocket"/> connects, waits and names itself.</summary>
/// <param name="Label">Names the stream in logs, e.g. <c>binance stream</c>, <c>bybit liquidation stream</c>.</param>
/// <param name="StatusName">When set, every status detail is prefixed with it (<c>bybit: connection dropped …</c>).</param>
/// <param name="SilenceTimeout">No frame at all for this long → the connection is replaced (reported as Silent).</param>
/// <param name="RotateAfter">When set, a connection this old is replaced without backoff (reported as Rotating).</param>
/// <param name="RotateDetail">The status detail of a rotation.</param>
/// <param name="BackoffMin">First reconnect delay; doubles per consecutive failure up to <paramref name="BackoffMax"/>.</param>
internal sealed record SocketStreamSettings(
    string Label,
    string? StatusName,
    Uri Uri,
    TimeSpan ConnectTimeout,
    TimeSpan SilenceTimeout,
    TimeSpan? RotateAfter,
    string RotateDetail,
    TimeSpan BackoffMin,
    TimeSpan BackoffMax,
    int InitialBufferBytes,
    int MaxFrameBytes);
