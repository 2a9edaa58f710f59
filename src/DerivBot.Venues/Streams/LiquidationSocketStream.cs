using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Streams;

/// <summary>
/// A venue liquidation WebSocket whose subscription follows the watched symbols. Like the Binance stream (through the
/// same <see cref="ReconnectingSocket"/>) it replaces the connection when it drops (jittered exponential backoff) or
/// when no frame arrives for <see cref="LiquidationStreamOptions.SilenceTimeout"/> (reported as Silent); unlike it, the subscription is sent as
/// messages, so every new connection re-subscribes the current topics, and every
/// <see cref="LiquidationStreamOptions.SubscriptionRefresh"/> the topics are compared with the watched symbols:
/// new ones are subscribed, ones no longer watched unsubscribed. A keepalive goes out every
/// <see cref="LiquidationStreamOptions.PingInterval"/>. Malformed frames are skipped, not fatal.
/// </summary>
public abstract class LiquidationSocketStream : ILiquidationStream, ISocketStreamHooks
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

    public Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken) => Socket.RunAsync(handler, cancellationToken);

    /// <summary>min × 2^failures capped at max, with equal jitter (×0.5–1.0).</summary>
    internal TimeSpan Backoff(int failures) => Socket.Backoff(failures);

    private ReconnectingSocket Socket => _socket ??= new ReconnectingSocket(
        new SocketStreamSettings(
            Label: $"{Name} liquidation stream",
            StatusName: Name,
            StreamUri,
            ConnectTimeout: Options.ConnectTimeout,
            SilenceTimeout: Options.SilenceTimeout,
            RotateAfter: null,
            RotateDetail: "",
            BackoffMin: Options.ReconnectBackoffMin,
            BackoffMax: Options.ReconnectBackoffMax,
            InitialBufferBytes: 64 * 1024,
            MaxFrameBytes: MaxFrameBytes),
        this, Time, Logger, _random);

    private ReconnectingSocket? _socket;

    async Task<Task?> ISocketStreamHooks.OnConnectedAsync(SocketSender send, CancellationToken connection)
    {
        // Each connection starts unsubscribed: subscribe what is watched now, then keep the connection alive and the
        // subscription in step with the watched symbols.
        var subscribed = new HashSet<string>(StringComparer.Ordinal);
        await SyncTopicsAsync(send, subscribed, connection).ConfigureAwait(false);
        return KeepAliveAsync(send, subscribed, connection);
    }

    void ISocketStreamHooks.OnFrame(ReadOnlyMemory<byte> frame, IMarketStreamHandler handler) => Deliver(frame, handler);

    void ISocketStreamHooks.OnConnectionEnded() => Volatile.Write(ref _subscribed, []);

    private async Task SyncTopicsAsync(SocketSender send, HashSet<string> subscribed, CancellationToken ct)
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
                await send(frame, ct).ConfigureAwait(false);
            }
            subscribed.ExceptWith(remove);
        }
        if (add.Count > 0)
        {
            foreach (var frame in SubscribeFrames(add))
            {
                await send(frame, ct).ConfigureAwait(false);
            }
            subscribed.UnionWith(add);
        }
        Volatile.Write(ref _subscribed, subscribed.Order(StringComparer.Ordinal).ToArray());
    }

    private async Task KeepAliveAsync(SocketSender send, HashSet<string> subscribed, CancellationToken ct)
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
                await send(PingFrame, ct).ConfigureAwait(false);
                nextPing = now + Options.PingInterval;
            }
            if (now >= nextSync)
            {
                await SyncTopicsAsync(send, subscribed, ct).ConfigureAwait(false);
                nextSync = now + Options.SubscriptionRefresh;
            }
        }
    }
}
