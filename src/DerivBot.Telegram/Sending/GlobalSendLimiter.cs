namespace DerivBot.Telegram.Sending;

/// <summary>
/// The global "N messages per second" limit, exact rather than conservative. Two rules, both on the injected clock
/// and both computed from elapsed time (never from timer ticks):
/// <list type="number">
/// <item><b>Window (the guarantee).</b> Telegram (and our load-test fake) count ARRIVALS in a sliding 1 s window. We
/// cannot see when a request arrives, only that it arrives after we start it (send time s) and before its answer
/// (e, round trip r = e − s). A send occupies one of the N places from s until its release
/// <c>s + 1 s + (r − r_min) + margin</c> = <c>e + 1 s − (r_min − margin)</c>, never later than e + 1 s, where r_min is
/// the fastest round trip seen so far (credited only once <see cref="MinSamples"/> answers were seen; before that, and
/// whenever r_min ≤ margin, the release is e + 1 s, which needs no assumption at all because arrival ≤ e).
/// <para><b>Assumption (bounded asymmetry of the path).</b> A request's forward (us → server) delay is a fixed part
/// F, the same for every request, plus a non-negative variable part v (queues, scheduling, handshakes), and that
/// variable part is inside the request's own round trip: v ≤ r − B, where B ≤ r_min is the fixed part of the round
/// trip (forward + server + back). The fastest observed request's own variable part, r_min − B, is at most
/// <c>margin</c>. How F and B split between the two directions does not matter (F cancels below); only that the
/// forward delay cannot shrink by more than the margin below what the fastest request paid.</para>
/// <para><b>Why the server never sees more than N in any 1 s window.</b> Give the N places to requests greedily by
/// start time (at most N hold a place at any instant, so N places suffice: intervals [s, release) of one place do not
/// overlap). For two consecutive requests i, j on one place, s_j ≥ release_i, so with arrivals
/// a_i ≤ s_i + F + v_i ≤ s_i + F + r_i − B and a_j ≥ s_j + F:
/// a_j − a_i ≥ (release_i − s_i) − (r_i − B) = 1 s + (r_i − r_min) + margin − r_i + B = 1 s + margin − (r_min − B)
/// ≥ 1 s. Arrivals of one place are therefore at least 1 s apart, a window shorter than 1 s (the server counts
/// (t − 1 s, t]) holds at most one per place, hence at most N. The fallback release e + 1 s gives the same by
/// a_j ≥ s_j ≥ e_i + 1 s ≥ a_i + 1 s. A request whose round trip was slow (timer lateness, a new connection, a retry
/// inside one item) holds its place longer by exactly that slowness, so jitter never eats the guarantee.</para>
/// <para>Cost: the place is held 1 s + (r − r_min) + margin instead of 1 s + r, i.e. ~1.01 s instead of 1.1 s at a
/// steady 100 ms round trip (≈ 29.7/s instead of 27.3/s). r_min is the minimum since start (never forgotten), so a
/// path that becomes slower only costs throughput; a path that becomes faster than anything seen before by more than
/// the margin is the one case the assumption excludes (the next answer lowers r_min at once). A request that fails
/// locally in a few ms lowers r_min and only makes the limiter more conservative.</para></item>
/// <item><b>Grid (the shape).</b> Sends follow a fixed grid 1/N s apart; up to <c>burst</c> may go back to back.
/// A send that leaves late because a timer fired late keeps the grid (the next slot does not move), so timer lateness
/// is made up instead of lost; only after an idle gap longer than one interval does the grid restart at the send.
/// The grid alone could let two sends sit closer than 1/N s after a late one; the window makes that harmless.</item>
/// </list>
/// A token bucket with burst 1 at exactly N/s would also be safe against a sliding window (N sends need at least
/// (N−1)/N s), but every late timer tick would be lost throughput with no way to catch up, and it is not safe
/// against jitter between our clock and the server's. Not thread-safe: the send queue calls it under its lock.
/// </summary>
internal sealed class GlobalSendLimiter
{
    /// <summary>Answers needed before the fastest round trip is credited (until then a place frees 1 s after the answer):
    /// the first answers of a process carry connection set-up, JIT and start-up load, so the fastest of a few is not yet
    /// the path's floor. 300 is about 10 s at 30/s; the conservative start costs under a second per broadcast.</summary>
    public const int MinSamples = 300;

    /// <summary>Default bound on the fastest observed request's own variable delay (see the class remarks).</summary>
    public static readonly TimeSpan DefaultMargin = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly int _limit;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _tolerance;
    private readonly TimeSpan _margin;
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _releases = new();
    private DateTimeOffset _nextSlot;
    private int _inFlight;
    private int _samples;
    private TimeSpan _fastest = TimeSpan.MaxValue;

    /// <param name="perSecond">Most requests in any 1 s window (Telegram: 30).</param>
    /// <param name="burst">Sends allowed back to back on the 1/N s grid (1 = evenly spaced).</param>
    /// <param name="now">Creation time (the grid starts here).</param>
    /// <param name="margin">Bound on the fastest observed request's own variable delay; null = <see cref="DefaultMargin"/>.</param>
    public GlobalSendLimiter(int perSecond, int burst, DateTimeOffset now, TimeSpan? margin = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _margin = margin ?? DefaultMargin;
        ArgumentOutOfRangeException.ThrowIfLessThan(_margin, TimeSpan.Zero, nameof(margin));
        _limit = perSecond;
        _interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / perSecond);
        _tolerance = _interval * (Math.Min(burst, perSecond) - 1);
        _nextSlot = now;
    }

    /// <summary>Requests started and not yet ended.</summary>
    public int InFlight => _inFlight;

    /// <summary>The fastest round trip seen (null before the first answer).</summary>
    public TimeSpan? FastestRoundTrip => _samples == 0 ? null : _fastest;

    /// <summary>The earliest instant a send may start: <paramref name="now"/> when it may start at once,
    /// <see cref="DateTimeOffset.MaxValue"/> when all N places are taken by requests still in flight (an
    /// <see cref="End"/> frees one).</summary>
    public DateTimeOffset ReadyAt(DateTimeOffset now)
    {
        var at = now;
        var used = _inFlight + CountReleasesAfter(now);
        if (used >= _limit)
        {
            if (_inFlight >= _limit)
            {
                return DateTimeOffset.MaxValue;
            }
            // Start only happens when a place is free, so used == limit and the earliest release frees one.
            at = used == _limit
                ? _releases.Peek()
                : _releases.UnorderedItems.Select(r => r.Priority).Order().ElementAt(used - _limit);
        }
        var grid = _nextSlot - _tolerance;
        return grid > at ? grid : at;
    }

    /// <summary>A request starts now (call only when <see cref="ReadyAt"/> ≤ <paramref name="now"/>); pass the same
    /// instant to <see cref="End"/> as its start.</summary>
    public void Start(DateTimeOffset now)
    {
        _inFlight++;
        // On time or early within the burst tolerance, or late by less than one interval (a late timer): keep the
        // grid. Later than that the sender was idle: restart the grid here.
        _nextSlot = now - _nextSlot <= _interval ? _nextSlot + _interval : now + _interval;
    }

    /// <summary>A request started with <see cref="Start"/> at <paramref name="startedAt"/> got its answer (or failed)
    /// at <paramref name="now"/>; its place is free again at <c>now + 1 s − (fastest round trip − margin)</c>
    /// (never later than 1 s after the answer; see the class remarks).</summary>
    public void End(DateTimeOffset startedAt, DateTimeOffset now)
    {
        if (_inFlight == 0)
        {
            throw new InvalidOperationException("End without Start.");
        }
        _inFlight--;
        var roundTrip = now - startedAt;
        if (roundTrip < TimeSpan.Zero)
        {
            roundTrip = TimeSpan.Zero; // a clock that stepped back: credit nothing rather than something
        }
        if (roundTrip < _fastest)
        {
            _fastest = roundTrip;
        }
        _samples++;
        var credit = _samples >= MinSamples && _fastest > _margin ? _fastest - _margin : TimeSpan.Zero;
        var release = now + Window - credit;
        _releases.Enqueue(release, release);
    }

    private int CountReleasesAfter(DateTimeOffset now)
    {
        while (_releases.TryPeek(out var release, out _) && release <= now)
        {
            _releases.Dequeue();
        }
        return _releases.Count;
    }
}
