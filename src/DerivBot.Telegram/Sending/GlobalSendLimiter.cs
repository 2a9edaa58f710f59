namespace DerivBot.Telegram.Sending;

/// <summary>
/// The global "N messages per second" limit, exact rather than conservative. Two rules, both on the injected clock
/// and both computed from elapsed time (never from timer ticks):
/// <list type="number">
/// <item><b>Window (the guarantee).</b> Telegram (and our load-test fake) count arrivals in a sliding 1 s window. We
/// cannot see when a request arrives, only that it arrives after we start it and before its answer comes back. So a
/// send occupies one of the N places from the moment it starts until 1 s after it ended: every request that
/// counts in the server's window at an arrival instant has an answer no more than 1 s older, hence still holds its
/// place here. Therefore no 1 s window at the server ever sees more than N of our requests, whatever the network
/// jitter or timer lateness. The price is one round trip per place per second (on loopback well under 1 %).</item>
/// <item><b>Grid (the shape).</b> Sends follow a fixed grid 1/N s apart; up to <c>burst</c> may go back to back.
/// A send that leaves late because a timer fired late keeps the grid (the next slot does not move), so timer lateness
/// is made up instead of lost; only after an idle gap longer than one interval does the grid restart at the send.
/// The grid alone could let two sends sit closer than 1/N s after a late one; the window makes that harmless.</item>
/// </list>
/// A token bucket with burst 1 at exactly N/s would also be safe against a sliding window (N sends need at least
/// (N−1)/N s), but every late timer tick would be lost throughput with no way to catch up, and it is not safe
/// against jitter between our clock and the server's. Not thread-safe: the outbox calls it under its lock.
/// </summary>
internal sealed class GlobalSendLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly int _limit;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _tolerance;
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _releases = new();
    private DateTimeOffset _nextSlot;
    private int _inFlight;

    /// <param name="perSecond">Most requests in any 1 s window (Telegram: 30).</param>
    /// <param name="burst">Sends allowed back to back on the 1/N s grid (1 = evenly spaced).</param>
    /// <param name="now">Creation time (the grid starts here).</param>
    public GlobalSendLimiter(int perSecond, int burst, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _limit = perSecond;
        _interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / perSecond);
        _tolerance = _interval * (Math.Min(burst, perSecond) - 1);
        _nextSlot = now;
    }

    /// <summary>Requests started and not yet ended.</summary>
    public int InFlight => _inFlight;

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

    /// <summary>A request starts now (call only when <see cref="ReadyAt"/> ≤ <paramref name="now"/>).</summary>
    public void Start(DateTimeOffset now)
    {
        _inFlight++;
        // On time or early within the burst tolerance, or late by less than one interval (a late timer): keep the
        // grid. Later than that the sender was idle: restart the grid here.
        _nextSlot = now - _nextSlot <= _interval ? _nextSlot + _interval : now + _interval;
    }

    /// <summary>A request started with <see cref="Start"/> got its answer (or failed) at <paramref name="now"/>;
    /// its place is free again 1 s later.</summary>
    public void End(DateTimeOffset now)
    {
        if (_inFlight == 0)
        {
            throw new InvalidOperationException("End without Start.");
        }
        _inFlight--;
        _releases.Enqueue(now + Window, now + Window);
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
