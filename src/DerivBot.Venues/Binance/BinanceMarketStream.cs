using System.Net.Sockets;
using System.Net.WebSockets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Binance;

/// <summary>
/// The all-market Binance USDⓈ-M stream: one combined connection to the routed <c>/market</c> endpoint carrying
/// <c>!forceOrder@arr</c> and <c>!markPrice@arr@1s</c>. The subscription lives in the URL, so every reconnect resumes
/// it without a SUBSCRIBE message. The connection is replaced when it drops (jittered exponential backoff), when no
/// frame arrives for <see cref="BinanceOptions.StreamSilenceTimeout"/> (reported as Silent), and proactively after
/// <see cref="BinanceOptions.StreamRotateAfter"/> (reported as Rotating) before Binance's own 24 h cut.
/// </summary>
public sealed class BinanceMarketStream : IMarketStream
{
    /// <summary>The combined-stream path and query appended to <see cref="BinanceOptions.FuturesStreamUrl"/>.</summary>
    public const string StreamPathAndQuery = "/stream?streams=!forceOrder@arr/!markPrice@arr@1s";

    private const int InitialBufferBytes = 256 * 1024;

    // A 700-symbol mark-price frame is ~110 KB; anything near this cap is not a Binance frame.
    private const int MaxFrameBytes = 16 * 1024 * 1024;

    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BinanceMarketStream> _logger;
    private readonly Func<double> _random;

    public BinanceMarketStream(IOptions<BinanceOptions> options, TimeProvider time, ILogger<BinanceMarketStream> logger)
        : this(options, time, logger, Random.Shared.NextDouble)
    {
    }

    /// <param name="random">Uniform [0, 1) source for backoff jitter (injectable so tests are deterministic).</param>
    internal BinanceMarketStream(IOptions<BinanceOptions> options, TimeProvider time, ILogger<BinanceMarketStream> logger, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _random = random;
        StreamUri = new Uri(_options.FuturesStreamUrl.TrimEnd('/') + StreamPathAndQuery);
    }

    public string Name => BinanceParsers.Venue;

    /// <summary>The full combined-stream URL (no secrets in it).</summary>
    public Uri StreamUri { get; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then returns normally.</summary>
    public async Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Report(handler, StreamState.Connecting, StreamUri.Host);
            ConnectionEnd end;
            try
            {
                end = await RunConnectionAsync(handler, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (end.Rotated)
            {
                failures = 0;
                continue;
            }
            if (end.Frames > 0)
            {
                // The connection worked; this is a fresh failure, not the next one in a streak.
                failures = 0;
            }
            var delay = Backoff(failures++);
            _logger.LogInformation("binance stream reconnecting in {DelayMs} ms (consecutive failures: {Failures})", (int)delay.TotalMilliseconds, failures);
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        Report(handler, StreamState.Disconnected, "stopped");
    }

    /// <summary>Reconnect delay: min × 2^failures capped at max, with "equal jitter" (×0.5–1.0) so restarts spread out.</summary>
    internal TimeSpan Backoff(int failures)
    {
        var min = _options.ReconnectBackoffMin;
        var max = _options.ReconnectBackoffMax;
        var exponential = min * Math.Pow(2, Math.Min(failures, 20));
        var capped = exponential > max ? max : exponential;
        return capped * (0.5 + 0.5 * Math.Clamp(_random(), 0, 1));
    }

    private readonly record struct ConnectionEnd(long Frames, bool Rotated);

    private async Task<ConnectionEnd> RunConnectionAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        string? connectFailure = null;
        using (var connectTimeout = new CancellationTokenSource(_options.RequestTimeout, _time))
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token))
        {
            try
            {
                await socket.ConnectAsync(StreamUri, connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or HttpRequestException or IOException)
            {
                connectFailure = ex is OperationCanceledException
                    ? $"connect timed out after {_options.RequestTimeout.TotalSeconds:0.#} s"
                    : $"cannot connect to {StreamUri.Host} ({Describe(ex)})";
            }
        }
        if (connectFailure is not null)
        {
            // Reported after the connect timer is disposed, so observers see only the backoff wait pending.
            _logger.LogWarning("binance stream: {Detail}", connectFailure);
            Report(handler, StreamState.Disconnected, connectFailure);
            return new ConnectionEnd(0, false);
        }

        Report(handler, StreamState.Connected, StreamUri.Host);
        _logger.LogInformation("binance stream connected to {Host}", StreamUri.Host);

        using var receive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reason = 0; // 1 = silent, 2 = rotate; set before the receive is cancelled so the catch knows why.
        void Stop(int why)
        {
            if (Interlocked.CompareExchange(ref reason, why, 0) == 0)
            {
                try
                {
                    receive.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The connection already ended.
                }
            }
        }

        var silence = _options.StreamSilenceTimeout;
        using var silenceTimer = _time.CreateTimer(_ => Stop(1), null, silence, Timeout.InfiniteTimeSpan);
        using var rotateTimer = _time.CreateTimer(_ => Stop(2), null, _options.StreamRotateAfter, Timeout.InfiniteTimeSpan);

        var buffer = new byte[InitialBufferBytes];
        var count = 0;
        long frames = 0;
        long badFrames = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= MaxFrameBytes)
                    {
                        throw new WebSocketException(WebSocketError.Faulted, $"frame larger than {MaxFrameBytes / (1024 * 1024)} MB");
                    }
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var result = await socket.ReceiveAsync(buffer.AsMemory(count), receive.Token).ConfigureAwait(false);
                silenceTimer.Change(silence, Timeout.InfiniteTimeSpan);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var detail = $"server closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})".TrimEnd();
                    await CloseQuietlyAsync(socket).ConfigureAwait(false);
                    Report(handler, StreamState.Disconnected, detail);
                    return new ConnectionEnd(frames, false);
                }
                count += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }
                frames++;
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    Deliver(buffer.AsSpan(0, count), handler, ref badFrames);
                }
                count = 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (Volatile.Read(ref reason) == 1)
        {
            var detail = $"no frame for {silence.TotalSeconds:0.#} s; reconnecting";
            _logger.LogWarning("binance stream silent: {Detail}", detail);
            Report(handler, StreamState.Silent, detail);
            return new ConnectionEnd(frames, false);
        }
        catch (OperationCanceledException) when (Volatile.Read(ref reason) == 2)
        {
            var detail = $"connection is {_options.StreamRotateAfter.TotalHours:0.#} h old; replacing it before the 24 h cut";
            _logger.LogInformation("binance stream rotating: {Detail}", detail);
            Report(handler, StreamState.Rotating, detail);
            return new ConnectionEnd(frames, true);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException)
        {
            var detail = $"connection dropped ({Describe(ex)})";
            _logger.LogWarning(ex, "binance stream dropped after {Frames} frames", frames);
            Report(handler, StreamState.Disconnected, detail);
            return new ConnectionEnd(frames, false);
        }
    }

    private void Deliver(ReadOnlySpan<byte> frame, IMarketStreamHandler handler, ref long badFrames)
    {
        try
        {
            BinanceParsers.ParseStreamFrame(frame, handler);
        }
        catch (VenueException ex)
        {
            // One bad frame must not cost the connection; the next mark-price frame is a second away.
            if (badFrames++ % 100 == 0)
            {
                _logger.LogWarning(ex, "binance stream: skipped a malformed frame ({BadFrames} so far on this connection)", badFrames);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "binance stream: the handler failed on a frame; continuing");
        }
    }

    private void Report(IMarketStreamHandler handler, StreamState state, string? detail)
    {
        try
        {
            handler.OnStatus(new StreamStatus(state, _time.GetUtcNow(), detail));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "binance stream: the handler failed on status {State}", state);
        }
    }

    private async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            if (socket.State is WebSocketState.CloseReceived or WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Closing a connection that is already gone; nothing to do.
        }
    }

    private static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.TimedOut => "connection timed out",
                    _ => socket.SocketErrorCode.ToString(),
                };
            }
        }
        return ex is WebSocketException ws && ws.WebSocketErrorCode != WebSocketError.Success
            ? ws.WebSocketErrorCode switch
            {
                WebSocketError.ConnectionClosedPrematurely => "closed mid-frame without a close handshake",
                WebSocketError.NotAWebSocket => "the server did not accept a WebSocket (wrong URL?)",
                _ => ws.WebSocketErrorCode.ToString(),
            }
            : ex.Message;
    }
}
