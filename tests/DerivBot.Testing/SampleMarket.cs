using DerivBot.Core.Markets;

namespace DerivBot.Testing;

/// <summary>
/// A deterministic week (or more) of 5-minute market data for one symbol, shaped like the market store's output, for
/// signal tests and benchmarks alike. A random walk from a fixed seed. Values are rounded
/// to the precision Binance sends (prices 4 dp, quantities 3 dp, rates 8 dp): unrounded decimals carry 28 digits
/// and push every decimal operation onto its slow path, which real data never does.
/// </summary>
public static class SampleMarket
{
    public static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);

    public static MarketSnapshot Snapshot(Symbol symbol, int seed, int days = 7, DateTimeOffset? now = null)
    {
        var end = now ?? Now;
        var random = new Random(seed);
        var n = days * 24 * 12;
        var step = TimeSpan.FromMinutes(5);
        var start = end - (step * (n - 1));
        var klines = new Kline[n];
        var oi = new OpenInterestPoint[n];
        var predicted = new FundingRatePoint[n];
        var global = new RatioPoint[n];
        var top = new RatioPoint[n];
        var position = new RatioPoint[n];
        var taker = new TakerVolumePoint[n];
        var liquidations = new List<Liquidation>();
        decimal price = 100m, contracts = 1_000_000m, funding = 0.0001m, ratio = 1.5m;
        for (var i = 0; i < n; i++)
        {
            var t = start + (step * i);
            var open = price;
            price = Math.Round(Math.Max(1m, price * (1m + ((decimal)(random.NextDouble() - 0.5) * 0.004m))), 4);
            var high = Math.Round(Math.Max(open, price) * 1.0005m, 4);
            var low = Math.Round(Math.Min(open, price) * 0.9995m, 4);
            var volume = Math.Round(1_000m + ((decimal)random.NextDouble() * 500m), 3);
            var takerBuy = Math.Round(volume * (0.4m + ((decimal)random.NextDouble() * 0.2m)), 3);
            klines[i] = new Kline(t, open, high, low, price, volume, t + step - TimeSpan.FromMilliseconds(1), volume * price, 100, takerBuy, takerBuy * price);
            contracts = Math.Round(Math.Max(1m, contracts * (1m + ((decimal)(random.NextDouble() - 0.49) * 0.003m))), 3);
            oi[i] = new OpenInterestPoint(t, contracts, contracts * price);
            funding = Math.Round(Math.Clamp(funding + ((decimal)(random.NextDouble() - 0.5) * 0.00002m), -0.003m, 0.003m), 8);
            predicted[i] = new FundingRatePoint(t, funding, price);
            ratio = Math.Round(Math.Clamp(ratio + ((decimal)(random.NextDouble() - 0.5) * 0.02m), 0.3m, 4m), 4);
            global[i] = new RatioPoint(t, ratio, Math.Round(ratio / (1 + ratio), 4), Math.Round(1 / (1 + ratio), 4));
            top[i] = new RatioPoint(t, ratio * 0.9m, 0.5m, 0.5m);
            position[i] = new RatioPoint(t, ratio * 0.8m, 0.5m, 0.5m);
            taker[i] = new TakerVolumePoint(t, Math.Round(takerBuy / (volume - takerBuy), 4), takerBuy, volume - takerBuy);
            if (random.NextDouble() < 0.3)
            {
                var side = random.NextDouble() < 0.5 ? PositionSide.Long : PositionSide.Short;
                liquidations.Add(new Liquidation(symbol, side, price, price, Math.Round((decimal)random.NextDouble() * 50m, 3), t + TimeSpan.FromSeconds(random.Next(0, 299))));
            }
        }
        var settled = new List<FundingRatePoint>();
        for (var t = end.AddDays(-days); t <= end; t = t.AddHours(8))
        {
            settled.Add(new FundingRatePoint(t, Math.Round(0.0001m + ((decimal)(random.NextDouble() - 0.5) * 0.0002m), 8), price));
        }
        return new MarketSnapshot
        {
            Venue = "binance",
            Symbol = symbol,
            DataTime = end,
            Premium = new PremiumIndex(symbol, price, price, price, funding, 0.0001m, end.AddHours(1), end),
            FundingHistory = settled,
            PredictedFunding = predicted,
            OpenInterest = oi,
            GlobalAccountRatio = global,
            TopAccountRatio = top,
            TopPositionRatio = position,
            TakerVolume = taker,
            Klines = klines,
            Liquidations = liquidations,
            FuturesTicker = new Ticker24h(symbol, price, 1m, 300_000m, 300_000m * price, end.AddDays(-1), end),
            SpotTicker = new Ticker24h(symbol, price, 1m, 100_000m, 100_000m * price, end.AddDays(-1), end),
        };
    }
}
