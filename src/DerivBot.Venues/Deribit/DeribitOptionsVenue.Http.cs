using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Deribit;

// One GET through our limiter and the transport retry, and the mapping of every failure to a VenueException.
public sealed partial class DeribitOptionsVenue
{
    private async Task<byte[]> GetAsync(string path, string query, CancellationToken ct)
    {
        var url = _base + path + (query.Length > 0 ? "?" + query : "");
        return await TransportRetry.GetAsync(Venue, path, _retry, async attemptToken =>
        {
            await _limiter.AcquireAsync(TimeSpan.FromSeconds(5), attemptToken).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            return await SendOnceAsync(path, url, attemptToken).ConfigureAwait(false);
        }, deadline: null, _time, _logger, ct).ConfigureAwait(false);
    }

    private async Task<(byte[]? Body, VenueException? Failure)> SendOnceAsync(string path, string url, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (body, null);
            }
            return (null, MapFailure(path, status, body, response));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            return (null, new VenueException(Venue, VenueErrorKind.Timeout,
                $"{Venue}: {_host} did not answer {path} within {_options.RequestTimeout.TotalSeconds:0.#} s", ex));
        }
        catch (HttpRequestException ex)
        {
            return (null, new VenueException(Venue, VenueErrorKind.Unreachable, $"{Venue}: cannot reach {_host} ({NetworkFailure.Describe(ex)})", ex));
        }
        catch (IOException ex)
        {
            return (null, new VenueException(Venue, VenueErrorKind.Unreachable, $"{Venue}: connection to {_host} failed while reading {path} ({ex.Message})", ex));
        }
    }

    private VenueException MapFailure(string path, int status, byte[] body, HttpResponseMessage response)
    {
        var hasError = DeribitParsers.TryParseError(body, out var code, out var message);
        var vendor = hasError ? $" ({code} {message})" : "";
        if (status == 429 || (hasError && code == 10028))
        {
            var retry = response.Headers.RetryAfter?.Delta is { } d && d > TimeSpan.Zero ? d : TimeSpan.FromSeconds(1);
            return new VenueException(Venue, VenueErrorKind.RateLimited, $"{Venue}: {_host} rate limit hit on {path}{vendor}")
            {
                HttpStatus = status,
                VendorCode = hasError ? code : null,
                RetryAfter = retry,
            };
        }
        if (status >= 500)
        {
            return new VenueException(Venue, VenueErrorKind.ServerError, $"{Venue}: {_host} failed on {path} with HTTP {status}{vendor}")
            {
                HttpStatus = status,
                VendorCode = hasError ? code : null,
            };
        }
        if (status == 451)
        {
            return new VenueException(Venue, VenueErrorKind.RegionBlocked, $"{Venue}: {_host} refuses requests from this location (HTTP 451)") { HttpStatus = status };
        }
        return new VenueException(Venue, hasError ? DeribitParsers.KindOf(code) : VenueErrorKind.BadResponse,
            $"{Venue}: {_host} rejected {path} with HTTP {status}{vendor}")
        {
            HttpStatus = status,
            VendorCode = hasError ? code : null,
        };
    }
}
