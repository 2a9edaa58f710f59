using DerivBot.Core.Ports;
using DerivBot.Venues.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Binance;

/// <summary>
/// The all-market Binance USDⓈ-M stream: one combined connection to the routed <c>/market</c> endpoint carrying
/// <c>!forceOrder@arr</c> and <c>!markPrice@arr@1s</c>. The subscription lives in the URL, so every reconnect resumes
/// it without a SUBSCRIBE message. The connection is replaced (by the shared <see cref="ReconnectingSocket"/>) when it
/// drops (jittered exponential backoff), when no frame arrives for <see cref="BinanceOptions.StreamSilenceTimeout"/>
/// (reported as Silent), and proactively after <see cref="BinanceOptions.StreamRotateAfter"/> (reported as Rotating)
/// before Binance's own 24 h cut.
/// </summary>
public sealed class BinanceMarketStream : IMarketStream, ISocketStreamHooks
{
    /// <summary>The combined-stream path and query appended to <see cref="BinanceOptions.FuturesStreamUrl"/>.</summary>
    public const string StreamPathAndQuery = "/stream?streams=!forceOrder@arr/!markPrice@arr@1s";

    private const int InitialBufferBytes = 256 * 1024;

    // A 700-symbol mark-price frame is ~110 KB; anything near this cap is not a Binance frame.
    private const int MaxFrameBytes = 16 * 1024 * 1024;

    private readonly ReconnectingSocket _socket;

    public BinanceMarketStream(IOptions<BinanceOptions> options, TimeProvider time, ILogger<BinanceMarketStream> logger)
        : this(options, time, logger, Random.Shared.NextDouble)
    {
    }

    /// <param name="random">Uniform [0, 1) source for backoff jitter (injectable so tests are deterministic).</param>
    internal BinanceMarketStream(IOptions<BinanceOptions> options, TimeProvider time, ILogger<BinanceMarketStream> logger, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var o = options.Value;
        StreamUri = new Uri(o.FuturesStreamUrl.TrimEnd('/') + StreamPathAndQuery);
        var settings = new SocketStreamSettings(
            Label: "binance stream",
            StatusName: null,
            StreamUri,
            ConnectTimeout: o.RequestTimeout,
            SilenceTimeout: o.StreamSilenceTimeout,
            RotateAfter: o.StreamRotateAfter,
            RotateDetail: $"connection is {o.StreamRotateAfter.TotalHours:0.#} h old; replacing it before the 24 h cut",
            BackoffMin: o.ReconnectBackoffMin,
            BackoffMax: o.ReconnectBackoffMax,
            InitialBufferBytes,
            MaxFrameBytes);
        _socket = new ReconnectingSocket(settings, this, time, logger, random);
    }

    public string Name => BinanceParsers.Venue;

    /// <summary>The full combined-stream URL (no secrets in it).</summary>
    public Uri StreamUri { get; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then returns normally.</summary>
    public Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken) => _socket.RunAsync(handler, cancellationToken);

    /// <summary>Reconnect delay: min × 2^failures capped at max, with "equal jitter" (×0.5–1.0) so restarts spread out.</summary>
    internal TimeSpan Backoff(int failures) => _socket.Backoff(failures);

    // The subscription is in the URL: nothing to send, no keepalive (Binance pings; ClientWebSocket answers).
    Task<Task?> ISocketStreamHooks.OnConnectedAsync(SocketSender send, CancellationToken connection) => Task.FromResult<Task?>(null);

    void ISocketStreamHooks.OnFrame(ReadOnlyMemory<byte> frame, IMarketStreamHandler handler) => BinanceParsers.ParseStreamFrame(frame.Span, handler);

    void ISocketStreamHooks.OnConnectionEnded()
    {
    }
}
