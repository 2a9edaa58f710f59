using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Replay;

// IMarketDataVenue, history: the scenario's 5-minute rows up to now, aggregated to the asked period.
public sealed partial class ReplayVenue
{
    public Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Get(symbol).Funding.Query(query, Now, 100, 1000));
    }

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Aggregate(Get(symbol).OpenInterest.Query(Widen(query, period), Now, 30 * Factor(period), 500 * Factor(period)), period, o => o.Time, query, 30, 500));
    }

    public Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(symbol);
        var series = kind switch
        {
            RatioKind.GlobalAccounts => data.GlobalAccounts,
            RatioKind.TopTraderAccounts => data.TopAccounts,
            RatioKind.TopTraderPositions => data.TopPositions,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return Task.FromResult(Aggregate(series.Query(Widen(query, period), Now, 30 * Factor(period), 500 * Factor(period)), period, r => r.Time, query, 30, 500));
    }

    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = Get(symbol).Taker.Query(Widen(query, period), Now, 30 * Factor(period), 500 * Factor(period));
        if (period == DataPeriod.M5)
        {
            return Task.FromResult(rows);
        }
        // Coarser periods sum the 5-minute volumes of the period that ends at each row's time.
        var step = (long)period.ToTimeSpan().TotalMilliseconds;
        var summed = rows
            .GroupBy(r => (r.Time.ToUnixTimeMilliseconds() + step - 1) / step * step)
            .Where(g => g.Count() == Factor(period))
            .Select(g =>
            {
                var buy = g.Sum(r => r.BuyVolume);
                var sell = g.Sum(r => r.SellVolume);
                return new TakerVolumePoint(DateTimeOffset.FromUnixTimeMilliseconds(g.Key), sell == 0 ? 0 : Math.Round(buy / sell, 4), buy, sell);
            })
            .ToList();
        return Task.FromResult(Trim(summed, query, 30, 500));
    }

    public Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(symbol);
        var span = interval.ToTimeSpan();
        if (span < TimeSpan.FromMinutes(5))
        {
            throw new VenueException(Name, VenueErrorKind.BadResponse,
                $"The replay scenario has 5-minute candles; {interval.ToWire()} is not available.");
        }
        var factor = (int)(span / TimeSpan.FromMinutes(5));
        // Only completed candles: the open one would reveal prices after now. Coarser candles are merged from complete
        // 5-minute candles and kept only when all of theirs are complete.
        var asOf = Now - TimeSpan.FromMinutes(5);
        var widened = query with { Limit = (query.Limit ?? 500) * factor, Start = query.Start, End = query.End };
        var rows = data.Klines.Query(widened, asOf, 500 * factor, 1500 * factor);
        if (factor == 1)
        {
            return Task.FromResult<IReadOnlyList<Kline>>(Trim(rows, query, 500, 1500));
        }
        var step = span.Ticks;
        var merged = rows
            .GroupBy(k => k.OpenTime.UtcTicks / step * step)
            .Where(g => g.Count() == factor)
            .Select(g => new Kline(
                new DateTimeOffset(g.Key, TimeSpan.Zero), g.First().Open, g.Max(k => k.High), g.Min(k => k.Low), g.Last().Close,
                g.Sum(k => k.Volume), new DateTimeOffset(g.Key, TimeSpan.Zero) + span - TimeSpan.FromMilliseconds(1),
                g.Sum(k => k.QuoteVolume), g.Sum(k => k.Trades), g.Sum(k => k.TakerBuyVolume), g.Sum(k => k.TakerBuyQuoteVolume)))
            .ToList();
        return Task.FromResult(Trim(merged, query, 500, 1500));
    }
}
