using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

// The instruments whose funding is read (OKX has no bulk funding-rate), the funding cache, and the instrument list.
public sealed partial class OkxVenue
{
    /// <summary>
    /// Instruments whose funding the market-store path reads: the most-traded <see cref="OkxOptions.DefaultWatched"/>
    /// swaps, then those asked about within <see cref="OkxOptions.WatchWindow"/> (most recent first), at most
    /// <see cref="OkxOptions.MaxWatched"/>.
    /// </summary>
    private async Task<IReadOnlyList<string>> WatchedAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var result = new List<string>();
        if (_options.DefaultWatched > 0)
        {
            var ranked = Volatile.Read(ref _mostTraded);
            if (ranked is null || now - ranked.At >= _options.InstrumentsMaxAge)
            {
                try
                {
                    var tickers = await TickersAsync("SWAP", cancellationToken).ConfigureAwait(false);
                    ranked = new RankedInstruments(tickers
                        .Where(t => t.InstId.EndsWith("-USDT-SWAP", StringComparison.Ordinal))
                        .OrderByDescending(t => (t.VolCcy24h ?? 0m) * t.Last)
                        .ThenBy(t => t.InstId, StringComparer.Ordinal)
                        .Take(_options.DefaultWatched)
                        .Select(t => t.InstId)
                        .ToList(), now);
                    Volatile.Write(ref _mostTraded, ranked);
                }
                catch (VenueException) when (ranked is not null)
                {
                    // Keep the previous ranking; the mark-price call decides whether this cycle fails.
                }
                catch (VenueException)
                {
                    ranked = new RankedInstruments([], DateTimeOffset.MinValue);
                }
            }
            result.AddRange(ranked.InstIds);
        }
        result.AddRange(_watched
            .Where(w => now - w.Value < _options.WatchWindow)
            .OrderByDescending(w => w.Value)
            .Select(w => w.Key));
        return result.Distinct(StringComparer.Ordinal).Take(Math.Max(_options.MaxWatched, _options.DefaultWatched)).ToList();
    }

    private Task<byte[]> GetAsync(string path, VenueQuery query, CancellationToken cancellationToken) =>
        _rest.GetAsync(path, query.ToString(), 0, _limiters[path], cancellationToken);

    private async Task<IReadOnlyList<OkxTicker>> TickersAsync(string instType, CancellationToken cancellationToken)
    {
        var body = await GetAsync(Paths.Tickers, new VenueQuery().Add("instType", instType), cancellationToken).ConfigureAwait(false);
        return OkxParsers.ParseTickers(body);
    }

    private async Task<IReadOnlyDictionary<string, (decimal Mark, DateTimeOffset Time)>> MarkPricesAsync(CancellationToken cancellationToken)
    {
        var body = await GetAsync(Paths.MarkPrice, new VenueQuery().Add("instType", "SWAP"), cancellationToken).ConfigureAwait(false);
        return OkxParsers.ParseMarkPrices(body);
    }

    /// <summary>
    /// <c>funding-rate</c> for each instrument, from the cache when younger than <see cref="OkxOptions.FundingMaxAge"/>
    /// and not past its settlement. An unknown or unreadable instrument is skipped; any other failure (rate limit, ban,
    /// timeout, 5xx) stops the round and the rest keep their cached values, so one slow endpoint costs at most one
    /// <see cref="OkxOptions.RequestTimeout"/> and never the OI and prices.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, OkxFunding>> FundingAsync(IReadOnlyList<string> instIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, OkxFunding>(StringComparer.Ordinal);
        // funding-rate has no bulk form and OKX allows 20 calls / 2 s, so 50 watched instruments take ~6 s — longer than
        // the aggregation waits for a venue (Venues:RequestTimeout). The round therefore stops asking after half the
        // request timeout and answers the rest from the cache; never-fetched and stalest instruments go first, so every
        // instrument's rate is refreshed within a few cycles.
        var started = _time.GetUtcNow();
        var budget = _options.RequestTimeout / 2;
        var order = instIds.OrderBy(i => _funding.TryGetValue(i, out var c) ? c.At : DateTimeOffset.MinValue).ToList();
        foreach (var instId in order)
        {
            var now = _time.GetUtcNow();
            if (_funding.TryGetValue(instId, out var cached) && now - cached.At < _options.FundingMaxAge && now < cached.Funding.FundingTime)
            {
                result[instId] = cached.Funding;
                continue;
            }
            if (now - started >= budget)
            {
                if (cached.Funding is not null)
                {
                    result[instId] = cached.Funding;
                }
                continue;
            }
            try
            {
                var body = await GetAsync(Paths.FundingRate, new VenueQuery().Add("instId", instId), cancellationToken).ConfigureAwait(false);
                if (OkxParsers.ParseFundingRate(body) is { } funding && funding.InstId == instId)
                {
                    _funding[instId] = (funding, _time.GetUtcNow());
                    result[instId] = funding;
                }
            }
            catch (VenueException ex) when (ex.Kind == VenueErrorKind.InvalidSymbol)
            {
                _watched.TryRemove(instId, out _);
            }
            catch (VenueException ex) when (ex.Kind == VenueErrorKind.BadResponse)
            {
                // One unreadable answer costs that instrument's rate, not the whole round.
            }
            catch (VenueException)
            {
                // Rate limit, ban, timeout, 5xx, unreachable: the next calls would fare no better. Stop the round; the
                // rows answer with the cached rate or none (OI and prices are still worth showing).
                foreach (var rest in instIds.Where(i => !result.ContainsKey(i)))
                {
                    if (_funding.TryGetValue(rest, out var stale))
                    {
                        result[rest] = stale.Funding;
                    }
                }
                break;
            }
        }
        return result;
    }

    /// <summary>The SWAP instruments by instId (cached for <see cref="OkxOptions.InstrumentsMaxAge"/>), for contract sizes.</summary>
    internal Task<IReadOnlyDictionary<string, OkxInstrument>> InstrumentMapAsync(CancellationToken cancellationToken) =>
        InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken);

    /// <summary>The SWAP instrument list by instId, reused for <paramref name="maxAge"/> (zero: read afresh).</summary>
    private Task<IReadOnlyDictionary<string, OkxInstrument>> InstrumentsAsync(TimeSpan maxAge, CancellationToken cancellationToken) =>
        _instruments.GetAsync(maxAge, async ct =>
        {
            var body = await GetAsync(Paths.Instruments, new VenueQuery().Add("instType", "SWAP"), ct).ConfigureAwait(false);
            return (IReadOnlyDictionary<string, OkxInstrument>)OkxParsers.ParseInstruments(body).GroupBy(i => i.InstId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        }, cancellationToken);
}
