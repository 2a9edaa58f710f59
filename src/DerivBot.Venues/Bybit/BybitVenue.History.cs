using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

// IMarketDataVenue, history: funding, open interest (valued at candle closes), long/short ratios, klines.
public sealed partial class BybitVenue
{
    public async Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken)
    {
        var q = new VenueQuery().Add("category", Category).Add("symbol", symbol.Value).AddWindow(query, "startTime", "endTime", 200, _time);
        var body = await _rest.GetAsync(Paths.FundingHistory, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        return BybitParsers.ParseFundingHistory(body);
    }

    /// <summary>
    /// <c>/v5/market/open-interest</c> in base units of the listing. Bybit sends no USD value, so each point is valued at
    /// the price of the candle of the same period ending at its timestamp (one kline call); 0 when that call fails.
    /// Periods Bybit lacks (2 h, 6 h, 12 h) give an empty list.
    /// </summary>
    public async Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        if (WirePeriod(period) is not { } wire)
        {
            return [];
        }
        var q = new VenueQuery().Add("category", Category).Add("symbol", symbol.Value).Add("intervalTime", wire)
            .AddWindow(query, "startTime", "endTime", 200, _time);
        var body = await _rest.GetAsync(Paths.OpenInterest, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        var points = BybitParsers.ParseOpenInterest(body);
        if (points.Count == 0 || KlineIntervalOf(period) is not { } interval)
        {
            return points;
        }
        try
        {
            var window = new HistoryQuery(points[0].Time - period.ToTimeSpan(), points[^1].Time, points.Count + 1);
            var klines = await GetKlinesAsync(symbol, interval, window, cancellationToken).ConfigureAwait(false);
            return Value(points, klines, period.ToTimeSpan());
        }
        catch (VenueException)
        {
            // The OI itself is the data; its USD value is a convenience (0 = unknown, as for Binance's live OI).
            return points;
        }
    }

    /// <summary>All-account long/short (<c>account-ratio</c>); Bybit publishes no top-trader ratios, so those are empty.</summary>
    public async Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        if (kind != RatioKind.GlobalAccounts || WirePeriod(period) is not { } wire)
        {
            return [];
        }
        var q = new VenueQuery().Add("category", Category).Add("symbol", symbol.Value).Add("period", wire)
            .AddWindow(query, "startTime", "endTime", 500, _time);
        var body = await _rest.GetAsync(Paths.AccountRatio, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        return BybitParsers.ParseAccountRatio(body);
    }

    /// <summary>Bybit has no public taker buy/sell volume series: always empty.</summary>
    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TakerVolumePoint>>([]);

    public async Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken)
    {
        if (WireInterval(interval) is not { } wire)
        {
            return [];
        }
        var q = new VenueQuery().Add("category", Category).Add("symbol", symbol.Value).Add("interval", wire)
            .AddWindow(query, "start", "end", 1000, _time);
        var body = await _rest.GetAsync(Paths.Kline, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        return BybitParsers.ParseKlines(body, interval.ToTimeSpan());
    }

    /// <summary>Values each OI point at the close of the candle ending at its timestamp (or the open of the one starting there).</summary>
    private static List<OpenInterestPoint> Value(IReadOnlyList<OpenInterestPoint> points, IReadOnlyList<Kline> klines, TimeSpan period)
    {
        var closeAt = new Dictionary<DateTimeOffset, decimal>();
        var openAt = new Dictionary<DateTimeOffset, decimal>();
        foreach (var k in klines)
        {
            closeAt[k.OpenTime + period] = k.Close;
            openAt[k.OpenTime] = k.Open;
        }
        return points.Select(p =>
        {
            var price = closeAt.TryGetValue(p.Time, out var c) ? c : openAt.TryGetValue(p.Time, out var o) ? o : 0m;
            return p with { ValueUsd = p.Contracts * price };
        }).ToList();
    }
}
