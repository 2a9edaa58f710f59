using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

// Bans: after a rate limit, an IP ban or an HTTP 451 nothing is sent to the host until the ban ends; callers get one
// clear error (kind and time left) meanwhile.
internal sealed partial class HostRateGate
{
    /// <summary>Stops all traffic to this host for <paramref name="duration"/>.</summary>
    public void Ban(VenueErrorKind kind, TimeSpan duration)
    {
        Application.Diagnostics.DerivBotMetrics.VenueBan(_venue, kind);
        lock (_gate)
        {
            var until = _time.GetUtcNow() + duration;
            if (until > _bannedUntil)
            {
                _bannedUntil = until;
                _banKind = kind;
            }
        }
    }

    public VenueException BanException(TimeSpan remaining)
    {
        var seconds = Math.Ceiling(remaining.TotalSeconds);
        var message = _banKind switch
        {
            VenueErrorKind.Banned => $"{_venue}: {Host} has banned this IP for too many requests; nothing is sent for another {seconds} s",
            VenueErrorKind.RegionBlocked => $"{_venue}: {Host} refuses requests from this location (HTTP 451); not asked again for another {seconds} s",
            _ => $"{_venue}: {Host} rate limit hit; nothing is sent for another {seconds} s",
        };
        return new VenueException(_venue, _banKind, message) { RetryAfter = remaining };
    }
}
