using System.Globalization;

namespace DerivBot.Discord.Rest;

/// <summary>
/// Discord's REST rate limits as the response headers describe them (apis.md D.4): per-bucket remaining/reset
/// (a bucket is the <c>X-RateLimit-Bucket</c> hash scoped by the route's top-level resource), the global 50 requests/s,
/// and 429 blocks (global or per bucket). It decides how long a request must wait; it never sends anything.
/// The global window counts a request from the moment it is sent until one second after its answer (Discord counts
/// arrivals, which we cannot see: they fall between the two), and <see cref="TryAcquire"/> checks and takes a place in
/// one step, so concurrent senders (the outbox drainer keeps several in flight) can never overrun the 50/s together.
/// </summary>
internal sealed class DiscordRateLimiter(TimeProvider time)
{
    /// <summary>Requests per second per bot across all non-interaction routes.</summary>
    public const int GlobalPerSecond = 50;

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private DateTimeOffset _globalBlockedUntil = DateTimeOffset.MinValue;
    private int _globalInFlight;

    /// <summary>
    /// Takes a place for <paramref name="route"/> if it may go now (returns zero); otherwise returns how long to wait
    /// and takes nothing. Every zero return must be followed by <see cref="OnCompleted"/> once the request ended.
    /// </summary>
    public TimeSpan TryAcquire(DiscordRoute route)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var wait = WaitLocked(route, now);
            if (!route.ExemptFromGlobalLimit && wait <= TimeSpan.Zero && _globalInFlight + _globalWindow.Count >= GlobalPerSecond)
            {
                // Every place is held by a request still in flight: look again shortly (an answer frees one a second later).
                wait = _globalWindow.Count > 0 ? _globalWindow.Peek() + TimeSpan.FromSeconds(1) - now : TimeSpan.FromMilliseconds(20);
            }
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }
            if (!route.ExemptFromGlobalLimit)
            {
                _globalInFlight++;
            }
            SpendBucketLocked(route, now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>A request admitted by <see cref="TryAcquire"/> ended (answered or failed): its global place frees 1 s from now.</summary>
    public void OnCompleted(DiscordRoute route)
    {
        if (route.ExemptFromGlobalLimit)
        {
            return;
        }
        lock (_gate)
        {
            _globalInFlight = Math.Max(0, _globalInFlight - 1);
            _globalWindow.Enqueue(time.GetUtcNow());
        }
    }

    /// <summary>How long <paramref name="route"/> must wait now (zero when it may go).</summary>
    public TimeSpan DelayFor(DiscordRoute route)
    {
        lock (_gate)
        {
            return WaitLocked(route, time.GetUtcNow());
        }
    }

    private TimeSpan WaitLocked(DiscordRoute route, DateTimeOffset now)
    {
        {
            var wait = _globalBlockedUntil - now;
            if (_buckets.TryGetValue(StateKey(route), out var state) && state.Remaining is <= 0 && state.ResetAt - now > wait)
            {
                wait = state.ResetAt - now;
            }
            if (!route.ExemptFromGlobalLimit)
            {
                while (_globalWindow.Count > 0 && now - _globalWindow.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _globalWindow.Dequeue();
                }
                if (_globalWindow.Count >= GlobalPerSecond)
                {
                    var windowWait = _globalWindow.Peek() + TimeSpan.FromSeconds(1) - now;
                    if (windowWait > wait)
                    {
                        wait = windowWait;
                    }
                }
            }
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a request that is about to go out against the global per-second window.</summary>
    public void OnSending(DiscordRoute route)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!route.ExemptFromGlobalLimit)
            {
                _globalWindow.Enqueue(now);
            }
            SpendBucketLocked(route, now);
        }
    }

    // Optimistically spend one from a known bucket so concurrent callers on the same bucket do not overrun it.
    private void SpendBucketLocked(DiscordRoute route, DateTimeOffset now)
    {
        if (_buckets.TryGetValue(StateKey(route), out var state) && state.Remaining is { } r)
        {
            state.Remaining = state.ResetAt <= now ? null : r - 1;
        }
    }

    /// <summary>Reads X-RateLimit-Bucket/-Remaining/-Reset-After from any response.</summary>
    public void OnResponse(DiscordRoute route, Func<string, string?> header)
    {
        var bucket = header("X-RateLimit-Bucket");
        var remaining = ParseInt(header("X-RateLimit-Remaining"));
        var resetAfter = ParseSeconds(header("X-RateLimit-Reset-After"));
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(bucket))
            {
                _bucketOfRoute[route.RouteKey] = bucket;
            }
            if (remaining is null || resetAfter is null)
            {
                return;
            }
            var state = GetState(route);
            state.Remaining = remaining;
            state.ResetAt = time.GetUtcNow() + resetAfter.Value;
        }
    }

    /// <summary>Blocks the bucket (or everything, when <paramref name="global"/>) for <paramref name="retryAfter"/>.</summary>
    public void OnRateLimited(DiscordRoute route, TimeSpan retryAfter, bool global)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (global)
            {
                if (until > _globalBlockedUntil)
                {
                    _globalBlockedUntil = until;
                }
                return;
            }
            var state = GetState(route);
            state.Remaining = 0;
            if (until > state.ResetAt)
            {
                state.ResetAt = until;
            }
        }
    }

    public static TimeSpan? ParseSeconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && s < 86_400
            ? TimeSpan.FromSeconds(s)
            : null;

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    private BucketState GetState(DiscordRoute route)
    {
        var key = StateKey(route);
        if (!_buckets.TryGetValue(key, out var state))
        {
            state = new BucketState();
            _buckets[key] = state;
        }
        return state;
    }

    // Routes sharing a bucket hash share its limit, but only within the same top-level resource (channel, webhook).
    // Until Discord tells us the bucket, the route template stands in for it.
    private string StateKey(DiscordRoute route) =>
        (_bucketOfRoute.TryGetValue(route.RouteKey, out var bucket) ? bucket : route.RouteKey) + "|" + route.Major;

    private sealed class BucketState
    {
        public int? Remaining { get; set; }
        public DateTimeOffset ResetAt { get; set; }
    }
}
