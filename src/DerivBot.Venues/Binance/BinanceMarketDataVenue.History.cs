using DerivBot.Core.Markets;

namespace DerivBot.Venues.Binance;

// IMarketDataVenue, history: funding, open interest, long/short and taker series (/futures/data), klines.
public sealed partial class BinanceMarketDataVenue
{
    public async Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken)
    {
        var q = new Query().Add("symbol", symbol.Value).AddWindow(query, maxLimit: 1000);
        var body = await Futures(Paths.FundingRate, q.ToString(), 1, _fundingLimiter, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseFundingRates(body));
    }

    public async Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        var body = await FuturesData(Paths.OpenInterestHist, symbol, period, query, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseOpenInterestHist(body));
    }

    public async Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        var path = kind switch
        {
            RatioKind.GlobalAccounts => Paths.GlobalRatio,
            RatioKind.TopTraderAccounts => Paths.TopAccountRatio,
            RatioKind.TopTraderPositions => Paths.TopPositionRatio,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ratio kind"),
        };
        var body = await FuturesData(path, symbol, period, query, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseLongShortRatios(body));
    }

    public async Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        var body = await FuturesData(Paths.TakerVolume, symbol, period, query, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseTakerVolume(body));
    }

    public async Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken)
    {
        var q = new Query().Add("symbol", symbol.Value).Add("interval", interval.ToWire()).AddWindow(query, maxLimit: 1500);
        var body = await Futures(Paths.Klines, q.ToString(), KlineWeight(q.Limit ?? 500), null, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseKlines(body));
    }
}
