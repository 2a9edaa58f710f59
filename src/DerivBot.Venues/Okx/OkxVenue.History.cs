using DerivBot.Core.Markets;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

// IMarketDataVenue, history: funding, open interest and long/short (Rubik), klines.
public sealed partial class OkxVenue
{
    public async Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        var q = new VenueQuery().Add("instId", symbol.Value);
        AddPaging(q, query, 100);
        var body = await GetAsync(Paths.FundingHistory, q, cancellationToken).ConfigureAwait(false);
        return OkxParsers.ParseFundingHistory(body);
    }

    /// <summary>Rubik <c>open-interest-history</c> in coins with OKX's USD value; oldest first.</summary>
    public async Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        var q = new VenueQuery().Add("instId", symbol.Value).Add("period", RubikPeriod(period));
        AddBeginEnd(q, query, 100);
        var body = await GetAsync(Paths.OpenInterestHistory, q, cancellationToken).ConfigureAwait(false);
        var perContract = instruments.TryGetValue(symbol.Value, out var i) && i.CoinsPerContract > 0 ? i.CoinsPerContract : (decimal?)null;
        return OkxParsers.ParseOpenInterestHistory(body, perContract);
    }

    /// <summary>
    /// All-account long/short of the instrument's coin (Rubik <c>long-short-account-ratio?ccy=</c>, periods 5m/1H/1D).
    /// OKX publishes no top-trader series here and no other periods: those are empty.
    /// </summary>
    public async Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        var wire = period switch { DataPeriod.M5 => "5m", DataPeriod.H1 => "1H", DataPeriod.D1 => "1D", _ => null };
        if (kind != RatioKind.GlobalAccounts || wire is null)
        {
            return [];
        }
        var q = new VenueQuery().Add("ccy", AssetNames.AssetOf(symbol.Value)).Add("period", wire);
        AddBeginEnd(q, query, null);
        var body = await GetAsync(Paths.LongShortRatio, q, cancellationToken).ConfigureAwait(false);
        return OkxParsers.ParseLongShortRatio(body);
    }

    /// <summary>Not read from OKX (its taker volume is per coin across products, not per swap): always empty.</summary>
    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TakerVolumePoint>>([]);

    public async Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        if (Bar(interval) is not { } bar)
        {
            return [];
        }
        var q = new VenueQuery().Add("instId", symbol.Value).Add("bar", bar);
        AddPaging(q, query, 300);
        var body = await GetAsync(Paths.Candles, q, cancellationToken).ConfigureAwait(false);
        return OkxParsers.ParseCandles(body, interval.ToTimeSpan());
    }
}
