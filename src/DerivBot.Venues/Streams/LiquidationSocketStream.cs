using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Streams;

/// <summary>
/// A venue liquidation WebSocket whose subscription follows the watched symbols. Like the Binance stream it replaces the
/// connection when it drops (jittered exponential backoff) or when no frame arrives for
/// <see cref="LiquidationStreamOptions.SilenceTimeout"/> (reported as Silent); unlike it, the subscription is sent as
/// messages, so every new connection re-subscribes the current topics, and every
/// <see cref="LiquidationStreamOptions.SubscriptionRefresh"/> the topics are compared with the watched symbols:
/// new ones are subscribed, ones no longer watched unsubscribed. A keepalive goes out every
/// <see cref="LiquidationStreamOptions.PingInterval"/>. Malformed frames are skipped, not fatal.
/// </summary>
public abstract class LiquidationSocketStream : ILiquidationStream
{
    private const int MaxFrameBytes = 4 * 1024 * 1024;

    private readonly IWatchedSymbols _watched;
    private readonly Func<double> _random;

    protected LiquidationSocketStream(Uri uri, LiquidationStreamOptions options, IWatchedSymbols watched, TimeProvider time, ILogger logger, Func<double>? random)
    {
        StreamUri = uri ?? throw new ArgumentNullException(nameof(uri));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _watched = watched ?? throw new ArgumentNullException(nameof(watched));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _random = random ?? Random.Shared.NextDouble;
    }

    public abstract string Name { get; }

    /// <summary>The stream URL (public endpoints carry no secrets).</summary>
    public Uri StreamUri { get; }

    protected LiquidationStreamOptions Options { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    /// <summary>Topics currently subscribed on the live connection (for tests and /health).</summary>
    public IReadOnlyCollection<string> SubscribedTopics => Volatile.Read(ref _subscribed);

    private IReadOnlyCollection<string> _subscribed = [];

    /// <summary>The topics the watched symbols need, e.g. <c>allLiquidation.BTCUSDT</c>.</summary>
    protected abstract IReadOnlySet<string> TopicsFor(IReadOnlyCollection<Symbol> watched);

    protected abstract IEnumerable<string> SubscribeFrames(IReadOnlyList<string> topics);

    protected abstract IEnumerable<string> UnsubscribeFrames(IReadOnlyList<string> topics);

    protected abstract string PingFrame { get; }

    /// <summary>Parses one text frame and hands its liquidations to <paramref name="handler"/>. Throws
    /// <see cref="VenueException"/> for a malformed frame (skipped by the caller).</summary>
    protected abstract void Deliver(ReadOnlyMemory<byte> frame, IMarketStreamHandler handler);

    /// <summary>Called with the watched symbols before each (re)subscription, e.g. to map assets back to symbols.</summary>
    protected virtual Task PrepareAsync(IReadOnlyCollection<Symbol> watched, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Report(handler, StreamState.Connecting, StreamUri.Host);
            long frames;
            try
            {
                frames = await RunConnectionAsync(handler, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            finally
            {
                Volatile.Write(ref _subscribed, []);
            }
            if (frames > 0)
            {
                failures = 0;
            }
            var delay = Backoff(failures++);
            Logger.LogInformation("{Venue} liquidation stream reconnecting in {DelayMs} ms (consecutive failures: {Failures})", Name, (int)delay.TotalMilliseconds, failures);
            try
            {
                await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        Report(handler, StreamState.Disconnected, "stopped");
    }

    /// <summary>min × 2^failures capped at max, with equal jitter (×0.5–1.0).</summary>
    internal TimeSpan Backoff(int failures)
    {
        var exponential = Options.ReconnectBackoffMin * Math.Pow(2, Math.Min(failures, 20));
        var capped = exponential > Options.ReconnectBackoffMax ? Options.ReconnectBackoffMax : exponential;
        return capped * (0.5 + 0.5 * Math.Clamp(_random(), 0, 1));
    }

    private async Task<long> RunConnectionAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        string? connectFailure = null;
        using (var connectTimeout = new CancellationTokenSource(Options.ConnectTimeout, Time))
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
                    ? $"connect timed out after {Options.ConnectTimeout.TotalSeconds:0.#} s"
                    : $"cannot connect to {StreamUri.Host} ({Describe(ex)})";
            }
        }
        if (connectFailure is not null)
        {
            Logger.LogWarning("{Venue} liquidation stream: {Detail}", Name, connectFailure);
            Report(handler, StreamState.Disconnected, connectFailure);
            return 0;
        }
        Report(handler, StreamState.Connected, StreamUri.Host);

        using var receive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var silent = 0;
        void Stop()
        {
            Interlocked.Exchange(ref silent, 1);
            try
            {
                receive.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The connection already ended.
            }
        }
        using var silenceTimer = Time.CreateTimer(_ => Stop(), null, Options.SilenceTimeout, Timeout.InfiniteTimeSpan);
        using var sendGate = new SemaphoreSlim(1, 1);
        var subscribed = new HashSet<string>(StringComparer.Ordinal);

        async Task SendAsync(string text, CancellationToken ct)
        {
            await sendGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }
            finally
            {
                sendGate.Release();
            }
        }

        async Task SyncTopicsAsync(CancellationToken ct)
        {
            var watched = _watched.WatchedSymbols;
            await PrepareAsync(watched, ct).ConfigureAwait(false);
            var wanted = TopicsFor(watched);
            var add = wanted.Where(t => !subscribed.Contains(t)).Order(StringComparer.Ordinal).ToList();
            var remove = subscribed.Where(t => !wanted.Contains(t)).Order(StringComparer.Ordinal).ToList();
            if (remove.Count > 0)
            {
                foreach (var frame in UnsubscribeFrames(remove))
                {
                    await SendAsync(frame, ct).ConfigureAwait(false);
                }
                subscribed.ExceptWith(remove);
            }
            if (add.Count > 0)
            {
                foreach (var frame in SubscribeFrames(add))
                {
                    await SendAsync(frame, ct).ConfigureAwait(false);
                }
                subscribed.UnionWith(add);
            }
            Volatile.Write(ref _subscribed, subscribed.Order(StringComparer.Ordinal).ToArray());
        }

        async Task KeepAliveAsync(CancellationToken ct)
        {
            var nextPing = Time.GetUtcNow() + Options.PingInterval;
            var nextSync = Time.GetUtcNow() + Options.SubscriptionRefresh;
            while (!ct.IsCancellationRequested)
            {
                var now = Time.GetUtcNow();
                var due = nextPing < nextSync ? nextPing : nextSync;
                if (due > now)
                {
                    await Task.Delay(due - now, Time, ct).ConfigureAwait(false);
                    continue;
                }
                if (now >= nextPing)
                {
                    await SendAsync(PingFrame, ct).ConfigureAwait(false);
                    nextPing = now + Options.PingInterval;
                }
                if (now >= nextSync)
                {
                    await SyncTopicsAsync(ct).ConfigureAwait(false);
                    nextSync = now + Options.SubscriptionRefresh;
                }
            }
        }

        long frames = 0;
        Task? keepAlive = null;
        try
        {
            await SyncTopicsAsync(receive.Token).ConfigureAwait(false);
            keepAlive = KeepAliveAsync(receive.Token);
            var buffer = new byte[64 * 1024];
            var count = 0;
            long badFrames = 0;
            while (true)
            {
                if (keepAlive.IsFaulted)
                {
                    await keepAlive.ConfigureAwait(false); // surfaces the send failure as a dropped connection
                }
                if (count == buffer.Length)
                {
                    if (buffer.Length >= MaxFrameBytes)
                    {
                        throw new WebSocketException(WebSocketError.Faulted, $"frame larger than {MaxFrameBytes / (1024 * 1024)} MB");
                    }
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var result = await socket.ReceiveAsync(buffer.AsMemory(count), receive.Token).ConfigureAwait(false);
                silenceTimer.Change(Options.SilenceTimeout, Timeout.InfiniteTimeSpan);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var detail = $"server closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})".TrimEnd();
                    Report(handler, StreamState.Disconnected, detail);
                    return frames;
                }
                count += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }
                frames++;
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    try
                    {
                        Deliver(buffer.AsMemory(0, count), handler);
                    }
                    catch (VenueException ex)
                    {
                        if (badFrames++ % 100 == 0)
                        {
                            Logger.LogWarning(ex, "{Venue} liquidation stream: skipped a malformed frame ({BadFrames} so far)", Name, badFrames);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Logger.LogError(ex, "{Venue} liquidation stream: the handler failed on a frame; continuing", Name);
                    }
                }
                count = 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (Volatile.Read(ref silent) == 1)
        {
            var detail = $"no frame for {Options.SilenceTimeout.TotalSeconds:0.#} s; reconnecting";
            Logger.LogWarning("{Venue} liquidation stream silent: {Detail}", Name, detail);
            Report(handler, StreamState.Silent, detail);
            return frames;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException or VenueException)
        {
            var detail = $"connection dropped ({Describe(ex)})";
            Logger.LogWarning("{Venue} liquidation stream dropped after {Frames} frames: {Detail}", Name, frames, detail);
            Report(handler, StreamState.Disconnected, detail);
            return frames;
        }
        finally
        {
            if (keepAlive is not null)
            {
                try
                {
                    await receive.CancelAsync().ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    // Already gone.
                }
                try
                {
                    await keepAlive.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException or VenueException)
                {
                    // The keepalive ends with the connection.
                }
            }
        }
    }

    private void Report(IMarketStreamHandler handler, StreamState state, string? detail)
    {
        try
        {
            handler.OnStatus(new StreamStatus(state, Time.GetUtcNow(), detail is null ? Name : $"{Name}: {detail}"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "{Venue} liquidation stream: the handler failed on status {State}", Name, state);
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
                    _ => socket.SocketErrorCode.ToString(),
                };
            }
        }
        return ex is WebSocketException ws && ws.WebSocketErrorCode != WebSocketError.Success
            ? ws.WebSocketErrorCode.ToString()
            : ex.Message;
    }
}
