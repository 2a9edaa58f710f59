using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

// IMarketDataVenue, current values: contracts, mark prices with watched funding, funding intervals, open interest, 24 h tickers.
public sealed partial class OkxVenue
{
    public async Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken)
    {
        var instruments = await InstrumentsAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return instruments.Values
            .Where(i => i.IsLiveUsdtSwap)
            .OrderBy(i => i.InstId, StringComparer.Ordinal)
            .Select(i => new PerpetualContract(new Symbol(i.InstId), BaseOf(i), "USDT", "PERPETUAL", "TRADING", null, i.ListTime))
            .ToList();
    }

    /// <summary>
    /// Mark prices of every SWAP in one call, with the predicted funding of the WATCHED instruments (the most-traded
    /// <see cref="OkxOptions.DefaultWatched"/> plus those asked about recently; one <c>funding-rate</c> call each,
    /// cached). Instruments whose funding is not known are left out rather than given a made-up rate of 0.
    /// </summary>
    public async Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken)
    {
        var marks = await MarkPricesAsync(cancellationToken).ConfigureAwait(false);
        var watched = (await WatchedAsync(cancellationToken).ConfigureAwait(false)).Where(marks.ContainsKey).ToList();
        await FundingAsync(watched, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var result = new List<PremiumIndex>();
        foreach (var (instId, entry) in _funding)
        {
            if (now - entry.At < _options.WatchWindow && marks.TryGetValue(instId, out var mark))
            {
                result.Add(new PremiumIndex(new Symbol(instId), mark.Mark, 0m, 0m, entry.Funding.FundingRate, 0m, entry.Funding.FundingTime, mark.Time));
            }
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Symbol.Value, b.Symbol.Value));
        return result;
    }

    /// <summary>
    /// Intervals from <c>fundingTime</c>/<c>nextFundingTime</c> of <c>funding-rate</c> (8 h or 4 h, per instrument). As
    /// that endpoint has no bulk form, entries cover the watched and recently asked instruments; any other instrument
    /// is absent and reads as 8 h until someone asks about it.
    /// </summary>
    public async Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken)
    {
        await FundingAsync(await WatchedAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        return _funding
            .Where(f => now - f.Value.At < _options.WatchWindow)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new FundingInfoEntry(new Symbol(f.Key), f.Value.Funding.IntervalHours, 0m, 0m))
            .ToList();
    }

    /// <summary>Current OI of one instrument in COINS (contracts × ctVal × ctMult) and OKX's own USD value.</summary>
    public async Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        var q = new VenueQuery().Add("instType", "SWAP").Add("instId", symbol.Value);
        var body = await GetAsync(Paths.OpenInterest, q, cancellationToken).ConfigureAwait(false);
        var row = OkxParsers.ParseOpenInterest(body).FirstOrDefault(r => r.InstId == symbol.Value)
            ?? throw new VenueException(Name, VenueErrorKind.InvalidSymbol, $"{Name}: {symbol} is not listed");
        var coins = Coins(row, instruments);
        return new OpenInterestPoint(row.Time, coins, row.OiUsd ?? 0m);
    }

    /// <summary>
    /// USDT swaps from the bulk SWAP tickers. Volume in coins (<c>volCcy24h</c>); quote volume = coins × last (OKX
    /// sends no USDT turnover for swaps); change percent from <c>open24h</c>.
    /// </summary>
    public async Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken)
    {
        var tickers = await TickersAsync("SWAP", cancellationToken).ConfigureAwait(false);
        return tickers
            .Where(t => t.InstId.EndsWith("-USDT-SWAP", StringComparison.Ordinal))
            .Select(t => new Ticker24h(new Symbol(t.InstId), t.Last, ChangePercent(t), t.VolCcy24h ?? 0m, (t.VolCcy24h ?? 0m) * t.Last,
                t.Time - TimeSpan.FromDays(1), t.Time))
            .ToList();
    }

    /// <summary>USDT spot pairs, renamed <c>BTC-USDT</c> → <c>BTCUSDT</c> so base + quote finds them as on every venue.</summary>
    public async Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken)
    {
        var tickers = await TickersAsync("SPOT", cancellationToken).ConfigureAwait(false);
        return tickers
            .Where(t => t.InstId.EndsWith("-USDT", StringComparison.Ordinal))
            .Select(t => new Ticker24h(new Symbol(t.InstId.Replace("-", "", StringComparison.Ordinal)), t.Last, ChangePercent(t),
                t.Vol24h ?? 0m, t.VolCcy24h ?? 0m, t.Time - TimeSpan.FromDays(1), t.Time))
            .ToList();
    }

    /// <summary>Contracts × coins per contract; OKX's own <c>oiCcy</c> when the instrument is unknown.</summary>
    private static decimal Coins(OkxOpenInterest row, IReadOnlyDictionary<string, OkxInstrument> instruments) =>
        instruments.TryGetValue(row.InstId, out var i) && i.CoinsPerContract > 0
            ? row.Oi * i.CoinsPerContract
            : row.OiCcy ?? throw new VenueException(VenueIds.Okx, VenueErrorKind.BadResponse, $"{VenueIds.Okx}: no contract size for {row.InstId}");

    private static decimal ChangePercent(OkxTicker t) => t.Open24h is { } open && open > 0 ? (t.Last - open) / open * 100m : 0m;

    private static string BaseOf(OkxInstrument i) => i.CtValCcy.Length > 0 ? i.CtValCcy : AssetNames.AssetOf(i.InstId);
}
