using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Http;

/// <summary>
/// When a venue REST transport tries a GET again: at most <paramref name="MaxRetries"/> retries, the n-th after
/// <paramref name="BaseDelay"/> × 2^(n−1), times "equal jitter" (×0.5–1.0 from <paramref name="Jitter"/>, uniform
/// [0, 1)) when given, and only for failures whose kind <paramref name="Retryable"/> accepts (5xx, timeouts: never a
/// rate limit, ban or region block, which pause the host instead).
/// </summary>
internal sealed record TransportRetryPolicy(int MaxRetries, TimeSpan BaseDelay, Func<double>? Jitter, Func<VenueErrorKind, bool> Retryable)
{
    /// <summary>5xx and timeouts (Binance, Aster, Deribit: each attempt has its own timeout).</summary>
    public static bool ServerErrorOrTimeout(VenueErrorKind kind) => kind is VenueErrorKind.ServerError or VenueErrorKind.Timeout;

    /// <summary>5xx only (Bybit, OKX…: one deadline covers the call and its retries, so a timeout ends it).</summary>
    public static bool ServerError(VenueErrorKind kind) => kind == VenueErrorKind.ServerError;

    public TimeSpan Delay(int retry)
    {
        var exponential = BaseDelay * Math.Pow(2, retry - 1);
        return Jitter is null ? exponential : exponential * (0.5 + 0.5 * Math.Clamp(Jitter(), 0, 1));
    }
}

/// <summary>
/// The one retry loop of the venue REST transports (<see cref="Binance.BinanceHttp"/>, <see cref="VenueRestClient"/>,
/// the Deribit client). It sits ABOVE the local rate limits on purpose: every attempt passes the limiters and the host's
/// weight/ban gate again, so a retry is charged like any request and a host paused by a 429/418/403/451 during the
/// first attempt is not asked again. (A resilience handler inside HttpClient would retry below those gates.)
/// </summary>
internal static class TransportRetry
{
    /// <summary>Runs <paramref name="attempt"/> (gates + one request; a failure is returned, not thrown) until it
    /// succeeds, fails with a kind the policy does not retry, runs out of retries, or the next delay would pass
    /// <paramref name="deadline"/>; then returns the body or throws the last failure.</summary>
    public static async Task<byte[]> GetAsync(
        string venue,
        string path,
        TransportRetryPolicy policy,
        Func<CancellationToken, Task<(byte[]? Body, VenueException? Failure)>> attempt,
        DateTimeOffset? deadline,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        VenueException? last = null;
        for (var n = 0; n <= policy.MaxRetries; n++)
        {
            if (n > 0)
            {
                var delay = policy.Delay(n);
                if (deadline is { } end && time.GetUtcNow() + delay >= end)
                {
                    break;
                }
                logger.LogWarning("{Venue} GET {Path} failed ({Kind}); retry {Attempt} of {MaxRetries} in {DelayMs} ms",
                    venue, path, last!.Kind, n, policy.MaxRetries, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            var (body, failure) = await attempt(cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return body!;
            }
            if (!policy.Retryable(failure.Kind))
            {
                throw failure;
            }
            last = failure;
        }
        throw last!;
    }
}
