using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Binance;

// Endpoints a Binance-format venue may lack (Aster): a 404 reads as "not published", noted once.
internal sealed partial class FapiOverview
{
    /// <summary>Runs a call whose endpoint the venue may not have: HTTP 404 → null (noted once in the log), anything else propagates.</summary>
    private async Task<T?> Optional<T>(Func<Task<T>> call) where T : class?
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VenueException ex) when (ex.HttpStatus == 404)
        {
            NoteMissingEndpoint(ex);
            return null;
        }
    }

    private async Task<T?> Optional<T>(Func<Task<T?>> call) where T : struct
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VenueException ex) when (ex.HttpStatus == 404)
        {
            NoteMissingEndpoint(ex);
            return null;
        }
    }

    /// <summary>Logs the first missing endpoint only: a venue without it stays without it, every cycle.</summary>
    private void NoteMissingEndpoint(VenueException ex)
    {
        if (Interlocked.Exchange(ref _missingNoted, 1) == 0)
        {
            _logger.LogInformation("{Venue} lacks an endpoint the overview uses ({Message}); those figures are left out", Name, ex.Message);
        }
    }
}
