using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Deribit;

// Shared, rate-bounded fetches: one currency list per refresh interval, one book summary per currency per interval.
public sealed partial class DeribitOptionsVenue
{
    /// <summary>The currency list: one shared request per <see cref="DeribitOptions.CurrenciesRefreshInterval"/>; the last good list when it fails.</summary>
    private async Task<IReadOnlySet<string>> CurrenciesAsync(CancellationToken ct)
    {
        CurrenciesEntry entry;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            entry = _currencies ?? new CurrenciesEntry(DateTimeOffset.MinValue, Task.FromResult<IReadOnlySet<string>>(new HashSet<string>()), null);
            if (_currencies is null || (entry.Task.IsCompleted && now - entry.FetchedAt >= (entry.Task.IsCompletedSuccessfully ? _options.CurrenciesRefreshInterval : _options.MinRefreshInterval)))
            {
                var lastGood = entry.Task.IsCompletedSuccessfully && _currencies is not null ? entry.Task.Result : entry.LastGood;
                entry = new CurrenciesEntry(now, FetchCurrenciesAsync(), lastGood);
                _currencies = entry;
            }
        }
        try
        {
            return await entry.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (VenueException ex) when (entry.LastGood is { } old)
        {
            // The currency list hardly changes: keep the old one rather than fail the chain.
            _logger.LogWarning(ex, "deribit get_currencies failed; using the previous list");
            return old;
        }
    }

    private async Task<IReadOnlySet<string>> FetchCurrenciesAsync()
    {
        var body = await GetAsync("/public/get_currencies", "", CancellationToken.None).ConfigureAwait(false);
        return new HashSet<string>(DeribitParsers.ParseCurrencies(body, Venue), StringComparer.Ordinal);
    }

    /// <summary>
    /// The currency's book summary: a request in flight is shared, and its outcome (answer or failure) stands for
    /// <see cref="DeribitOptions.MinRefreshInterval"/> — so Deribit sees at most one call per currency per interval,
    /// also while it is failing.
    /// </summary>
    private Task<BookSummary> SummaryAsync(string currency, CancellationToken ct)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_cache.TryGetValue(currency, out var entry) || (entry.Task.IsCompleted && now - entry.StartedAt >= _options.MinRefreshInterval))
            {
                entry = new CacheEntry(now, FetchSummaryAsync(currency));
                _cache[currency] = entry;
            }
            return entry.Task.WaitAsync(ct);
        }
    }

    private async Task<BookSummary> FetchSummaryAsync(string currency)
    {
        // Not tied to one caller's token: the request is shared; its own timeout bounds it.
        var body = await GetAsync("/public/get_book_summary_by_currency", "currency=" + Uri.EscapeDataString(currency) + "&kind=option", CancellationToken.None).ConfigureAwait(false);
        return DeribitParsers.ParseBookSummary(body, Venue, _time.GetUtcNow());
    }

    private sealed record CacheEntry(DateTimeOffset StartedAt, Task<BookSummary> Task);

    private sealed record CurrenciesEntry(DateTimeOffset FetchedAt, Task<IReadOnlySet<string>> Task, IReadOnlySet<string>? LastGood);
}
