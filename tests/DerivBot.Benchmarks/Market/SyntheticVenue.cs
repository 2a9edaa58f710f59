using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Benchmarks.Market;

/// <summary>
/// An in-memory venue with <c>count</c> symbols and Binance-shaped values (decimals as Binance sends them: prices at
/// the tick, OI value with 8 decimals, ratios with 4) on a regular 5-minute grid, "as of" its clock.
/// </summary>
internal sealed class SyntheticVenue(TimeProvider time, int count) : IMarketDataVenue
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public Symbol[] Symbols { get; } = Enumerable.Range(0, count).Select(i => new Symbol($"SYM{i:D3}USDT")).ToArray();

    public string Name => "synthetic";

    private static int Index(Symbol s) => int.Parse(s.Value.AsSpan(3, 3), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Prices spread over Binance's range: ~60k with 1 decimal down to ~0.005 with 7 decimals.</summary>
    private static (decimal Base, int Decimals) PriceShape(Symbol s)
    {
        var i = Index(s);
        return (i % 5) switch
        {
            0 => (60_000m + i, 1),
            1 => (3_000m + i, 2),
            2 => (150m + i / 10m, 3),
            3 => (1.5m + i / 1000m, 4),
            _ => (0.005m + i / 1_000_000m, 7),
        };
    }

    public static decimal Price(Symbol s, long slot)
    {
        var (b, d) = PriceShape(s);
        var wave = (decimal)Math.Sin(slot / 37.0) * 0.02m + (decimal)Math.Cos(slot / 11.0 + Index(s)) * 0.003m;
        return Math.Round(b * (1 + wave), d);
    }

    private IEnumerable<DateTimeOffset> Grid(HistoryQuery q, int max, TimeSpan step)
    {
        var now = time.GetUtcNow();
        var limit = Math.Min(q.Limit ?? 30, max);
        var last = new DateTimeOffset(now.UtcTicks - now.UtcTicks % step.Ticks, TimeSpan.Zero);
        var first = q.Start is { } s ? new DateTimeOffset((s.UtcTicks + step.Ticks - 1) / step.Ticks * step.Ticks, TimeSpan.Zero) : last - step * (limit - 1);
        for (var t = first; t <= last && limit-- > 0; t += step)
        {
            yield return t;
        }
    }

    private static long Slot(DateTimeOffset t) => t.ToUnixTimeSeconds() / 300;

    public Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PerpetualContract>>(Symbols.Select(s => new PerpetualContract(s, s.Value[..^4], "USDT", "PERPETUAL", "TRADING", 2.5m, DateTimeOffset.UnixEpoch)).ToList());

    public Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<PremiumIndex>>(Symbols.Select(s => MarkPrice(s, now)).ToList());
    }

    public static PremiumIndex MarkPrice(Symbol s, DateTimeOffset now)
    {
        var p = Price(s, Slot(now));
        return new PremiumIndex(s, p + 0.00012345m, p, p, 0.00012345m, 0.0001m, now.AddHours(1), now);
    }

    public Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FundingRatePoint>>(Grid(query, 1000, TimeSpan.FromHours(8)).Select(t => new FundingRatePoint(t, 0.00010000m + Slot(t) % 7 / 100_000m, Price(symbol, Slot(t)) + 0.00345678m)).ToList());

    public Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FundingInfoEntry>>([]);

    public Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken) =>
        Task.FromResult(new OpenInterestPoint(time.GetUtcNow(), 123_456.789m, 0m));

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenInterestPoint>>(Grid(query, 500, Step).Select(t =>
        {
            var contracts = 80_000m + Slot(t) % 5000 + 0.123m;
            return new OpenInterestPoint(t, contracts, Math.Round(contracts * Price(symbol, Slot(t)) * 1.0000001234m, 8));
        }).ToList());

    public Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RatioPoint>>(Grid(query, 500, Step).Select(t =>
        {
            var l = 0.5m + Slot(t) % 2000 / 10_000m;
            return new RatioPoint(t, Math.Round(l / (1 - l), 4), l, 1 - l);
        }).ToList());

    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TakerVolumePoint>>(Grid(query, 500, Step).Select(t =>
        {
            var buy = 387.331m + Slot(t) % 977;
            var sell = 248.503m + Slot(t) % 613;
            return new TakerVolumePoint(t, Math.Round(buy / sell, 4), buy, sell);
        }).ToList());

    public Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Kline>>(Grid(query, 1500, interval.ToTimeSpan()).Select(t =>
        {
            var slot = Slot(t);
            var o = Price(symbol, slot);
            var c = Price(symbol, slot + 1);
            var v = 1_234.567m + slot % 1000;
            return new Kline(t, o, Math.Max(o, c) * 1.001m, Math.Min(o, c) * 0.999m, c, v, t + interval.ToTimeSpan() - TimeSpan.FromMilliseconds(1),
                Math.Round(v * o, 4), 9_000 + slot % 1000, Math.Round(v * 0.48m, 3), Math.Round(v * 0.48m * o, 4));
        }).ToList());

    public Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Ticker24h>>(Symbols.Select(s => new Ticker24h(s, 1m, 1m, 1m, 1m, time.GetUtcNow(), time.GetUtcNow())).ToList());

    public Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Ticker24h>>([]);
}
