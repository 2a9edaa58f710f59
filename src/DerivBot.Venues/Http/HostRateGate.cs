using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

/// <summary>
/// Request-weight budget and ban state for one venue host (Binance futures and spot are separate budgets).
/// Windows are whole clock minutes, as the venue's <c>X-MBX-USED-WEIGHT-1M</c> counter is. Before a request we add
/// its weight to what we know was used this minute; if that would pass the budget we wait for the next minute
/// (or fail fast when that wait is longer than the caller allows). While the host has us banned (429/418), every
/// call fails at once without touching the network.
/// </summary>
internal sealed partial class HostRateGate
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly string _venue;
    private readonly TimeProvider _time;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _used;
    private DateTimeOffset _bannedUntil = DateTimeOffset.MinValue;
    private int _budget;
    private VenueErrorKind _banKind = VenueErrorKind.RateLimited;

    /// <param name="budgetPerMinute">Weight we allow ourselves per minute (already scaled by the budget share).</param>
    public HostRateGate(string venue, string host, int budgetPerMinute, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetPerMinute, 1);
        _venue = venue;
        Host = host;
        _budget = budgetPerMinute;
        _time = time;
    }

    public string Host { get; }

    /// <summary>Weight we allow ourselves per minute; updated when the venue announces its limit.</summary>
    public int BudgetPerMinute
    {
        get => Volatile.Read(ref _budget);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _budget, value);
        }
    }

    /// <summary>Weight known to be used in the current minute (ours plus what the venue reported).</summary>
    public int UsedWeight
    {
        get
        {
            lock (_gate)
            {
                Roll(_time.GetUtcNow());
                return _used;
            }
        }
    }

    /// <summary>Time left on a 429/418 ban, or zero.</summary>
    public TimeSpan BanRemaining
    {
        get
        {
            var now = _time.GetUtcNow();
            lock (_gate)
            {
                return _bannedUntil > now ? _bannedUntil - now : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Reserves <paramref name="weight"/> in the current window, waiting for the next one when it is full.</summary>
    /// <param name="maxWait">Longest wait we accept; beyond it the call fails with <see cref="VenueErrorKind.RateLimited"/>.</param>
    public async ValueTask AcquireAsync(int weight, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            int used;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                if (now < _bannedUntil)
                {
                    throw BanException(_bannedUntil - now);
                }
                Roll(now);
                // A request heavier than the whole budget may still go into an empty window, or it would never go.
                if (_used + weight <= BudgetPerMinute || _used == 0)
                {
                    _used += weight;
                    Application.Diagnostics.DerivBotMetrics.VenueWeight(_venue, Host, _used);
                    return;
                }
                wait = _windowStart + Minute - now;
                used = _used;
            }
            if (wait > maxWait)
            {
                throw new VenueException(_venue, VenueErrorKind.RateLimited,
                    $"{_venue}: request weight budget for {Host} is used up ({used} of {BudgetPerMinute} this minute); try again in {Math.Ceiling(wait.TotalSeconds)} s")
                {
                    RetryAfter = wait,
                };
            }
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the venue's own count (<c>X-MBX-USED-WEIGHT-1M</c>) into account; it includes other users of our IP.</summary>
    public void ObserveUsedWeight(int usedWeight)
    {
        lock (_gate)
        {
            Roll(_time.GetUtcNow());
            _used = Math.Max(_used, usedWeight);
            Application.Diagnostics.DerivBotMetrics.VenueWeight(_venue, Host, _used);
        }
    }

    private void Roll(DateTimeOffset now)
    {
        var window = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        if (window > _windowStart)
        {
            _windowStart = window;
            _used = 0;
        }
    }
}
