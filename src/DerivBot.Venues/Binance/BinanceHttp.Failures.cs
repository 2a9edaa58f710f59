using System.Globalization;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Binance;

// A failed response as a VenueException (418/429 bans, 451, 5xx, error bodies), Retry-After, and the used weight Binance reports.
internal sealed partial class BinanceHttp
{
    private VenueException MapFailure(HostRateGate gate, string path, HttpResponseMessage response, int status, byte[] body)
    {
        var hasError = BinanceParsers.TryParseError(body, out var code, out var msg);
        var vendor = hasError ? $" ({code} {msg})" : "";
        switch (status)
        {
            case 429 or 418:
            {
                var kind = status == 418 ? VenueErrorKind.Banned : VenueErrorKind.RateLimited;
                var retryAfter = RetryAfterOf(response, status);
                gate.Ban(kind, retryAfter);
                _logger.LogWarning("{Venue} {Host} answered {Status} on {Path}; pausing all requests to it for {Seconds} s",
                    _venue, gate.Host, status, path, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var ex = gate.BanException(retryAfter);
                return new VenueException(_venue, kind, ex.Message + vendor) { HttpStatus = status, VendorCode = hasError ? code : null, RetryAfter = retryAfter };
            }
            case >= 500:
                return new VenueException(_venue, VenueErrorKind.ServerError, $"{_venue}: {gate.Host} failed on {path} with HTTP {status}{vendor}")
                {
                    HttpStatus = status,
                    VendorCode = hasError ? code : null,
                };
            case 451:
                // A refusal by location does not pass with retries: stop asking this host for a long while so that
                // neither the primary-venue selector nor the cross-venue overview keeps knocking on every cycle.
                gate.Ban(VenueErrorKind.RegionBlocked, RegionBlockPause);
                return new VenueException(_venue, VenueErrorKind.RegionBlocked,
                    $"{_venue}: {gate.Host} refuses requests from this location (HTTP 451); configure a proxy or another base URL")
                {
                    HttpStatus = status,
                };
            default:
                if (hasError && code == -1121)
                {
                    return new VenueException(_venue, VenueErrorKind.InvalidSymbol, $"{_venue}: invalid symbol ({msg})")
                    {
                        HttpStatus = status,
                        VendorCode = code,
                    };
                }
                return new VenueException(_venue, VenueErrorKind.BadResponse, $"{_venue}: {gate.Host} rejected {path} with HTTP {status}{vendor}")
                {
                    HttpStatus = status,
                    VendorCode = hasError ? code : null,
                };
        }
    }

    /// <summary>
    /// 429/418 <c>Retry-After</c> in seconds (or an HTTP date). A 429 without one (or with 0) waits until the next
    /// minute boundary + 1 s, when the weight window resets; a 418 without one waits 2 minutes (the shortest ban).
    /// </summary>
    private TimeSpan RetryAfterOf(HttpResponseMessage response, int status)
    {
        var now = _time.GetUtcNow();
        TimeSpan? given = null;
        if (response.Headers.RetryAfter is { } header)
        {
            given = header.Delta ?? (header.Date is { } date ? date - now : null);
        }
        else if (response.Headers.TryGetValues("Retry-After", out var raw)
                 && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            given = TimeSpan.FromSeconds(seconds);
        }
        if (given is { } g && g > TimeSpan.Zero)
        {
            return g;
        }
        if (status == 418)
        {
            return DefaultBan418;
        }
        var nextMinute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        return nextMinute - now + TimeSpan.FromSeconds(1);
    }

    private static void ObserveWeight(HostRateGate gate, HttpResponseMessage response)
    {
        // Binance names the header by interval (X-MBX-USED-WEIGHT-1M); only the one-minute counter drives our budget.
        if (response.Headers.TryGetValues("X-MBX-USED-WEIGHT-1M", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var used))
        {
            gate.ObserveUsedWeight(used);
        }
    }
}
