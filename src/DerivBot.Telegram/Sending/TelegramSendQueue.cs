using DerivBot.Telegram.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;

namespace DerivBot.Telegram.Sending;

/// <summary>
/// The in-memory send queue every request to Telegram goes through (command replies, edits, broadcasts), with its
/// 429 pacing. Not the durable outbox (<see cref="Application.Outbox.IOutboxStore"/>): what waits here is lost with
/// the process; the durable outbox hands its messages to this queue one send at a time.
/// Pacing: the global limit (<see cref="GlobalSendLimiter"/>: never more than
/// <see cref="TelegramOptions.GlobalMessagesPerSecond"/> requests in any 1 s window, on a 1/N s grid), a bucket per
/// chat (~1/s with short bursts) and, for groups and channels, a per-minute bucket (≤ 20/min). Messages to one chat
/// leave in order, one request at a time, so a 429 is known before the next request to that chat is made.
/// Replies go before broadcasts: a chat with a reply waiting is served from the reply queue (its earlier broadcast
/// items, if any, go first to keep the chat's order), so a user's command is never queued behind a 10,000-chat
/// broadcast; broadcasts use the global capacity replies leave.
/// A 429 holds the chat for <c>retry_after</c>; on a private chat right after many sends (≥
/// <see cref="TelegramOptions.GlobalHoldAfterSends"/> in the last second) it is taken as the global limit and holds
/// everything. The held message is retried first when the hold ends (up to <see cref="TelegramOptions.MaxRateLimitRetries"/>).
/// Other chats keep flowing while one is held: there is no head-of-line blocking across chats.
/// All waiting uses the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class TelegramSendQueue : IAsyncDisposable
{
    private readonly TelegramOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramSendQueue> _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    // Lanes ready (or waiting for their own limits) by urgency; an entry whose Version no longer matches its lane's
    // is stale (the lane was rescheduled, e.g. moved to the reply queue) and is skipped.
    private readonly PriorityQueue<(Lane Lane, long Version), (DateTimeOffset ReadyAt, long Seq)> _replies = new();
    private readonly PriorityQueue<(Lane Lane, long Version), (DateTimeOffset ReadyAt, long Seq)> _broadcasts = new();
    private readonly Queue<DateTimeOffset> _recentSends = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly GlobalSendLimiter _global;
    private DateTimeOffset _globalHeldUntil;
    private CancellationTokenSource? _sleeper;
    private bool _signaled;
    private Task? _pump;
    private long _seq;
    private int _lanesSinceSweep;

    public TelegramSendQueue(IOptions<TelegramOptions> options, TimeProvider time, ILogger<TelegramSendQueue> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _global = new GlobalSendLimiter(_options.GlobalMessagesPerSecond, _options.GlobalBurst, time.GetUtcNow());
    }

    /// <summary>Until when everything is held after a global 429 (for diagnostics and tests).</summary>
    public DateTimeOffset GlobalHeldUntil
    {
        get
        {
            lock (_gate)
            {
                return _globalHeldUntil;
            }
        }
    }

    /// <summary>Until when <paramref name="chatId"/> is held after a 429, or null.</summary>
    public DateTimeOffset? ChatHeldUntil(string chatId)
    {
        lock (_gate)
        {
            return _lanes.TryGetValue(chatId, out var lane) && lane.HeldUntil > _time.GetUtcNow() ? lane.HeldUntil : null;
        }
    }

    /// <summary>Messages waiting for their slot.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _lanes.Values.Sum(l => l.Items.Count);
            }
        }
    }

    /// <summary>Runs <paramref name="operation"/> (one Bot API request to <paramref name="chatId"/>) when the pacing allows,
    /// as a <see cref="TelegramSendPriority.Reply"/>.</summary>
    public Task<T> RunAsync<T>(string chatId, bool isGroup, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        RunAsync(chatId, isGroup, operation, TelegramSendPriority.Reply, cancellationToken);

    /// <summary>Runs <paramref name="operation"/> (one Bot API request to <paramref name="chatId"/>) when the pacing allows.
    /// 429s are absorbed (hold, then retry); after too many the <see cref="ApiRequestException"/> reaches the caller.
    /// (Telegram.Bot's own 429 retry is off, see <see cref="TelegramApi"/>, so a 429 reaches this queue at once.)</summary>
    /// <param name="isGroup">Groups, supergroups and channels have the extra 20/min limit.</param>
    /// <param name="priority">Replies are served before broadcasts.</param>
    public Task<T> RunAsync<T>(string chatId, bool isGroup, Func<CancellationToken, Task<T>> operation, TelegramSendPriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatId);
        ArgumentNullException.ThrowIfNull(operation);
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var item = new WorkItem<T>(operation, _options.MaxRateLimitRetries, priority == TelegramSendPriority.Reply, cancellationToken);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_lanes.TryGetValue(chatId, out var lane))
            {
                SweepIdleLanes(now);
                lane = new Lane(chatId, new TokenBucket(_options.ChatBurst, _options.ChatMessagesPerSecond, now),
                    isGroup ? new TokenBucket(_options.GroupBurst, (_options.GroupMessagesPerMinute - _options.GroupBurst) / 60.0, now) : null);
                _lanes[chatId] = lane;
            }
            item.Seq = ++_seq;
            lane.Add(item, first: false);
            Schedule(lane, now);
            _pump ??= Task.Run(PumpAsync, CancellationToken.None); // the pump outlives any one caller
            Signal();
        }
        return item.Task;
    }

    private void Schedule(Lane lane, DateTimeOffset now)
    {
        if (lane.Busy || lane.Items.Count == 0)
        {
            return;
        }
        var urgent = lane.Replies > 0;
        if (lane.Scheduled && (lane.InReplyQueue || !urgent))
        {
            return; // already waiting in the right queue
        }
        lane.Version++;
        lane.Scheduled = true;
        lane.InReplyQueue = urgent;
        (urgent ? _replies : _broadcasts).Enqueue((lane, lane.Version), (lane.ReadyAt(now), lane.Items.First!.Value.Seq));
    }

    /// <summary>The head of <paramref name="queue"/> if it may send now; otherwise lowers <paramref name="wait"/> to when it may.</summary>
    private static bool TryPeekReady(PriorityQueue<(Lane Lane, long Version), (DateTimeOffset ReadyAt, long Seq)> queue, DateTimeOffset now, ref TimeSpan wait, out Lane lane)
    {
        while (queue.TryPeek(out var entry, out var priority))
        {
            if (entry.Version != entry.Lane.Version)
            {
                queue.Dequeue();
                continue;
            }
            if (priority.ReadyAt > now)
            {
                wait = Earlier(wait, priority.ReadyAt - now);
                break;
            }
            var actual = entry.Lane.ReadyAt(now);
            if (actual > now)
            {
                queue.Dequeue();
                queue.Enqueue(entry, (actual, priority.Seq));
                continue;
            }
            lane = entry.Lane;
            return true;
        }
        lane = null!;
        return false;
    }

    private static TimeSpan Earlier(TimeSpan wait, TimeSpan other) => wait == Timeout.InfiniteTimeSpan || other < wait ? other : wait;

    private void Signal()
    {
        _signaled = true;
        _sleeper?.Cancel();
    }

    private async Task PumpAsync()
    {
        var started = new List<(Lane Lane, WorkItem Item, DateTimeOffset StartedAt)>();
        while (!_stop.IsCancellationRequested)
        {
            var wait = Timeout.InfiniteTimeSpan;
            CancellationTokenSource? sleeper = null;
            lock (_gate)
            {
                _signaled = false;
                var now = _time.GetUtcNow();
                while (TryPeekReady(_replies, now, ref wait, out var lane) || TryPeekReady(_broadcasts, now, ref wait, out lane))
                {
                    var globalAt = _globalHeldUntil > now ? _globalHeldUntil : _global.ReadyAt(now);
                    if (globalAt > now)
                    {
                        // Nothing can leave before the global limit allows; MaxValue = every place in flight, and the
                        // end of a request signals the pump.
                        wait = globalAt == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : globalAt - now;
                        break;
                    }
                    (lane.InReplyQueue ? _replies : _broadcasts).Dequeue();
                    lane.Scheduled = false;
                    var item = lane.TakeFirst();
                    if (item.IsCompleted)
                    {
                        Schedule(lane, now); // cancelled while waiting: drop it, keep the lane going
                        continue;
                    }
                    _global.Start(now);
                    lane.Chat.Take(now);
                    lane.Group?.Take(now);
                    _recentSends.Enqueue(now);
                    TrimRecentSends(now);
                    lane.Busy = true;
                    started.Add((lane, item, now));
                }
                if (started.Count == 0 && !_signaled)
                {
                    sleeper = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    _sleeper = sleeper;
                }
            }
            foreach (var (lane, item, startedAt) in started)
            {
                _ = ExecuteAsync(lane, item, startedAt);
            }
            if (started.Count > 0 || sleeper is null)
            {
                started.Clear();
                continue;
            }
            // ForceYielding: Signal() cancels this delay while holding the lock; the loop must not resume on that thread.
            await Task.Delay(wait, _time, sleeper.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
            lock (_gate)
            {
                _sleeper = null;
            }
            sleeper.Dispose();
        }
    }

    private async Task ExecuteAsync(Lane lane, WorkItem item, DateTimeOffset startedAt)
    {
        var (hold, requeue) = await item.ExecuteAsync().ConfigureAwait(false);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            lane.Busy = false;
            _global.End(startedAt, now);
            if (hold is { } retryAfter)
            {
                Application.Diagnostics.DerivBotMetrics.RateLimited(Core.Chat.ChatPlatform.Telegram);
                lane.HeldUntil = now + retryAfter;
                TrimRecentSends(now);
                var global = lane.Group is null && _recentSends.Count >= _options.GlobalHoldAfterSends;
                if (global)
                {
                    _globalHeldUntil = now + retryAfter;
                }
                _logger.LogWarning("Telegram 429: holding {Scope} for {RetryAfter}", global ? "all chats" : "chat " + lane.ChatId, retryAfter);
                if (requeue)
                {
                    lane.Add(item, first: true);
                }
            }
            Schedule(lane, now);
            Signal();
        }
    }

    private void TrimRecentSends(DateTimeOffset now)
    {
        while (_recentSends.Count > 0 && now - _recentSends.Peek() > TimeSpan.FromSeconds(1))
        {
            _recentSends.Dequeue();
        }
    }

    private void SweepIdleLanes(DateTimeOffset now)
    {
        // Lanes keep bucket state; one whose buckets are full and that is not held carries no state worth keeping.
        if (_lanes.Count < 1024 || ++_lanesSinceSweep < _lanes.Count / 2)
        {
            return;
        }
        _lanesSinceSweep = 0;
        foreach (var lane in _lanes.Values.Where(l => l.IsIdle(now)).ToList())
        {
            _lanes.Remove(lane.ChatId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? pump;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            _stop.Cancel();
            pump = _pump;
            foreach (var lane in _lanes.Values)
            {
                foreach (var item in lane.Items)
                {
                    item.Abandon();
                }
                lane.Clear();
            }
        }
        if (pump is not null)
        {
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stop.Dispose();
    }
}
