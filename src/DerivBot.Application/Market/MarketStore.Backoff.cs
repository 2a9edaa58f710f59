using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Market;

// Store-wide back-off: a Retry-After (or a rate-limit/ban) pauses every venue call until it passes.
public sealed partial class MarketStore
{
    private readonly object _backoffGate = new();
    private DateTimeOffset _backoffUntil = DateTimeOffset.MinValue;

    private DateTimeOffset CurrentBackoff()
    {
        lock (_backoffGate)
        {
            return _backoffUntil;
        }
    }

    private void NoteBackoff(VenueException ex, DateTimeOffset now)
    {
        var wait = ex.RetryAfter ?? (ex.Kind is VenueErrorKind.RateLimited or VenueErrorKind.Banned ? TimeSpan.FromMinutes(1) : (TimeSpan?)null);
        if (wait is not { } w)
        {
            return;
        }
        lock (_backoffGate)
        {
            if (now + w > _backoffUntil)
            {
                _backoffUntil = now + w;
            }
        }
        _logger.LogWarning("{Venue} asked us to back off until {Until}", _venue.Name, now + w);
    }

    private void ThrowIfBackingOff(DateTimeOffset now)
    {
        var until = CurrentBackoff();
        if (until > now)
        {
            throw new VenueException(_venue.Name, VenueErrorKind.RateLimited,
                $"{_venue.Name} asked us to wait; try again after {until:HH:mm:ss} UTC.")
            { RetryAfter = until - now };
        }
    }
}
