using DerivBot.Core.Markets;

namespace DerivBot.Core.Tests.Signals;

/// <summary>A deterministic, plausible week of 5-minute market data for one symbol (random walk from a fixed seed).</summary>
internal static class SampleMarket
{
    public static MarketSnapshot Snapshot(Symbol symbol, int seed, int days = 7, DateTimeOffset? now = null)
    {
        var end = now ?? Some.Now;
        var random = new Random(seed);
        var n = days * 24 * 12;
        var step = TimeSpan.FromMinutes(5);
        var start = end - (step * (n - 1));

        var klines = new List<Kline>(n);
        var oi = new List<OpenInterestPoint>(n);
        var predicted = new List<FundingRatePoint>(n);
        var global = new List<RatioPoint>(n);
        var top = new List<RatioPoint>(n);
        var position = new List<RatioPoint>(n);
        var taker = new List<TakerVolumePoint>(n);
        var liquidations = new List<Liquidation>();
        decimal price = 100m, contracts = 1_000_000m, funding = 0.0001m, ratio = 1.5m;
        for (var i = 0; i < n; i++)
        {
            var t = start + (step * i);
            var open = price;
            price = Math.Max(1m, price * (1m + ((decimal)(random.NextDouble() - 0.5) * 0.004m)));
            var high = Math.Max(open, price) * (1m + ((decimal)random.NextDouble() * 0.001m));
            var low = Math.Min(open, price) * (1m - ((decimal)random.NextDouble() * 0.001m));
            var volume = 1_000m + (decimal)random.NextDouble() * 500m;
            var takerBuy = volume * (0.4m + ((decimal)random.NextDouble() * 0.2m));
            klines.Add(new Kline(t, open, high, low, price, volume, t + step - TimeSpan.FromMilliseconds(1), volume * price, 100, takerBuy, takerBuy * price));
            contracts = Math.Max(1m, contracts * (1m + ((decimal)(random.NextDouble() - 0.48) * 0.003m)));
            oi.Add(new OpenInterestPoint(t, contracts, contracts * price));
            funding = Math.Clamp(funding + ((decimal)(random.NextDouble() - 0.5) * 0.00002m), -0.003m, 0.003m);
            predicted.Add(new FundingRatePoint(t, funding, price));
            ratio = Math.Clamp(ratio + ((decimal)(random.NextDouble() - 0.5) * 0.02m), 0.3m, 4m);
            global.Add(new RatioPoint(t, ratio, ratio / (1 + ratio), 1 / (1 + ratio)));
            top.Add(new RatioPoint(t, ratio * 0.9m, 0.5m, 0.5m));
            position.Add(new RatioPoint(t, ratio * 0.8m, 0.5m, 0.5m));
            taker.Add(new TakerVolumePoint(t, takerBuy / (volume - takerBuy), takerBuy, volume - takerBuy));
            if (random.NextDouble() < 0.3)
            {
                var side = random.NextDouble() < 0.5 ? PositionSide.Long : PositionSide.Short;
                liquidations.Add(new Liquidation(symbol, side, price, price, (decimal)random.NextDouble() * 50m, t + TimeSpan.FromSeconds(random.Next(0, 299))));
            }
        }
        var settled = new List<FundingRatePoint>();
        for (var t = end.AddDays(-30); t <= end; t = t.AddHours(8))
        {
            settled.Add(new FundingRatePoint(t, 0.0001m + ((decimal)(random.NextDouble() - 0.5) * 0.0002m), price));
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
