namespace DerivBot.Discord.Rest;

/// <summary>Admission of a request: one at a time per route and resource, and only when the rate limiter has a place.</summary>
internal sealed partial class DiscordRestClient
{
    private readonly Dictionary<string, SemaphoreSlim> _routeLocks = new(StringComparer.Ordinal);
    private readonly object _locksGate = new();

    /// <summary>Returns the global place taken by <see cref="WaitForSlotAsync"/> when the request ends, however it ends.</summary>
    private readonly struct Admission(DiscordRateLimiter limiter, DiscordRoute route) : IDisposable
    {
        public void Dispose() => limiter.OnCompleted(route);
    }

    private async Task WaitForSlotAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Checks and takes the place in one step: concurrent senders cannot all see the same free place.
            var delay = _limiter.TryAcquire(route);
            if (delay <= TimeSpan.Zero)
            {
                return;
            }
            if (delay > _options.MaxRateLimitWait)
            {
                throw new DiscordApiException(route.Name, 429, null, "rate limited") { RetryAfter = delay };
            }
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private SemaphoreSlim LockFor(DiscordRoute route)
    {
        // One request at a time per route and resource, so the Remaining count we hold is never overrun by a burst.
        var key = route.RouteKey + "|" + route.Major;
        lock (_locksGate)
        {
            if (!_routeLocks.TryGetValue(key, out var l))
            {
                l = new SemaphoreSlim(1, 1);
                _routeLocks[key] = l;
            }
            return l;
        }
    }

    private void DisposeRouteLocks()
    {
        lock (_locksGate)
        {
            foreach (var l in _routeLocks.Values)
            {
                l.Dispose();
            }
            _routeLocks.Clear();
        }
    }
}
