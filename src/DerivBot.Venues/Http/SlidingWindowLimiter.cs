using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

/// <summary>
/// At most <c>limit</c> requests in any <c>window</c> (Binance: 500 / 5 min shared by fundingRate + fundingInfo,
/// 1000 / 5 min per <c>/futures/data/*</c> endpoint; OKX: 20 / 2 s per endpoint; Bybit: per IP). A request that would exceed it waits until the oldest one leaves
/// the window, or fails fast with <see cref="VenueErrorKind.RateLimited"/> when that wait is longer than the caller allows.
/// </summary>
internal sealed class SlidingWindowLimiter
{
    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly string _venue;
    private readonly TimeProvider _time;

    public SlidingWindowLimiter(string venue, string name, int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _venue = venue;
        Name = name;
        Limit = limit;
        Window = window;
        _time = time;
    }

    public string Name { get; }

    public int Limit { get; }

    public TimeSpan Window { get; }

    /// <summary>Requests counted in the current window.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                Trim(_time.GetUtcNow());
                return _sent.Count;
            }
        }
    }

    public async ValueTask AcquireAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                Trim(now);
                if (_sent.Count < Limit)
                {
                    _sent.Enqueue(now);
                    return;
                }
                wait = _sent.Peek() + Window - now;
            }
            if (wait > maxWait)
            {
                throw new VenueException(_venue, VenueErrorKind.RateLimited,
                    $"{_venue}: {Name} allows {Limit} requests per {WindowText}; try again in {Math.Ceiling(wait.TotalSeconds)} s")
                {
                    RetryAfter = wait,
                };
            }
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Binance's windows are minutes ("per 5 min"); OKX's and Bybit's are seconds ("per 2 s").
    private string WindowText => Window >= TimeSpan.FromMinutes(1)
        ? $"{Window.TotalMinutes:0.#} min"
        : $"{Window.TotalSeconds:0.#} s";

    private void Trim(DateTimeOffset now)
    {
        while (_sent.Count > 0 && _sent.Peek() + Window <= now)
        {
            _sent.Dequeue();
        }
    }
}
