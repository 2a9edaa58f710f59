using DerivBot.Core.Markets;
using DerivBot.Venues.Replay;

namespace DerivBot.Venues.Tests.Replay;

/// <summary>The shipped scenario tells a consistent story (see docs/replay-scenario.md).</summary>
public sealed class ReplayScenarioConsistencyTests
{
    private static readonly ReplayData Data = ReplayData.Default;
    private static readonly ReplayScenario Scenario = ReplayScenario.Default;

    public static TheoryData<string> Symbols() => ["BTCUSDT", "ETHUSDT", "SOLUSDT", "1000PEPEUSDT"];

    private static ReplaySymbolData Of(string symbol) => Data.Symbols[new Symbol(symbol)];

    [Fact]
    public void Scenario_Metadata_CoversTenDaysWithCrashMoreThanThreeDaysIn()
    {
        Assert.Equal(new DateTimeOffset(2025, 10, 5, 0, 0, 0, TimeSpan.Zero), Scenario.Start);
        Assert.Equal(TimeSpan.FromDays(10), Scenario.End - Scenario.Start);
        Assert.True(Scenario.CascadeStart - Scenario.Start >= TimeSpan.FromDays(3));
        Assert.Equal(4, Scenario.Symbols.Count);
        Assert.Equal(Scenario.Symbols.Select(x => x.Value).Order(), Data.Symbols.Keys.Select(x => x.Value).Order());
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void Series_CompleteFiveMinuteGrid(string symbol)
    {
        var s = Of(symbol);
        Assert.Equal(2880, s.Klines.Rows.Length);
        Assert.Equal(2880, s.OpenInterest.Rows.Length);
        Assert.Equal(2880, s.Premium.Rows.Length);
        Assert.Equal(2880, s.Taker.Rows.Length);
        Assert.All(s.Klines.Rows.Zip(s.Klines.Rows.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(5), p.Second.OpenTime - p.First.OpenTime));
        Assert.All(s.Klines.Rows, k => Assert.True(k.Low <= Math.Min(k.Open, k.Close) && k.High >= Math.Max(k.Open, k.Close) && k.TakerBuyVolume <= k.Volume));
        if (symbol != "BTCUSDT")
        {
            // Derived symbols open where they closed; BTC's real mark-price candles need not (they open at the first mark).
            Assert.All(s.Klines.Rows.Zip(s.Klines.Rows.Skip(1)), p => Assert.Equal(p.First.Close, p.Second.Open));
        }
    }

    [Fact]
    public void Btc_Klines_AreTheRealMarkPrices()
    {
        var bar = Of("BTCUSDT").Klines.Rows.Single(k => k.OpenTime == new DateTimeOffset(2025, 10, 10, 21, 20, 0, TimeSpan.Zero));

        // SOURCES.md check value: high 108,794 and low 101,877.69.
        Assert.Equal(108_794m, Math.Round(bar.High, 2));
        Assert.Equal(101_877.69m, Math.Round(bar.Low, 2));
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void OpenInterest_FallsAtLeastTenPercentDuringTheCascade(string symbol)
    {
        var oi = Of(symbol).OpenInterest.Rows;
        var before = oi.Where(p => p.Time <= Scenario.CascadeStart).Max(p => p.Contracts);
        var after = oi.Where(p => p.Time >= Scenario.CascadeEnd && p.Time <= Scenario.CascadeEnd.AddHours(1)).Min(p => p.Contracts);
        var startLevel = oi[0].Contracts;

        Assert.True(after <= before * 0.9m, $"{symbol}: OI {before} → {after}");
        Assert.True(before > startLevel * 1.05m, $"{symbol}: no leverage build-up ({startLevel} → {before})");
        var marks = Of(symbol).Premium.Rows.ToDictionary(x => x.Time, x => x.MarkPrice);
        Assert.All(oi, p => Assert.True(Math.Abs(p.Contracts * marks[p.Time] - p.ValueUsd) <= p.ValueUsd * 0.000001m, $"{p.Time:O}: {p.ValueUsd} vs {p.Contracts} × {marks[p.Time]}"));
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void Liquidations_LongsDominateTheCascadeAtMostOnePerSecond(string symbol)
    {
        var liquidations = AllLiquidations().Where(l => l.Symbol == new Symbol(symbol)).ToList();
        var cascade = liquidations.Where(l => l.Time >= Scenario.CascadeStart && l.Time < Scenario.CascadeEnd).ToList();
        var longUsd = cascade.Where(l => l.Side == PositionSide.Long).Sum(l => l.NotionalUsd);
        var shortUsd = cascade.Where(l => l.Side == PositionSide.Short).Sum(l => l.NotionalUsd);
        var klines = Of(symbol).Klines;

        Assert.True(longUsd > 5 * shortUsd, $"{symbol}: long {longUsd:N0} vs short {shortUsd:N0}");
        Assert.True(cascade.Count > liquidations.Count / 3, $"{symbol}: {cascade.Count} of {liquidations.Count} in the cascade");
        Assert.All(liquidations.GroupBy(l => l.Time.ToUnixTimeSeconds()), g => Assert.Single(g));
        Assert.All(liquidations, l =>
        {
            Assert.True(klines.TryLatest(l.Time.ToUnixTimeMilliseconds(), out var bar));
            // Within the candle, give or take the price tick the fill was rounded to (BTC's candles are unrounded marks).
            var tick = bar.High * 0.000001m;
            Assert.InRange(l.AveragePrice, bar.Low - tick, bar.High + tick);
            Assert.True(l.Side == PositionSide.Long ? l.Price < l.AveragePrice : l.Price > l.AveragePrice);
        });
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void Funding_SettlesOnItsGridWithTheLastPredictedRate(string symbol)
    {
        var s = Of(symbol);
        var hours = Data.FundingInfo.SingleOrDefault(i => i.Symbol == new Symbol(symbol))?.IntervalHours ?? 8;
        var settlements = s.Funding.Rows;

        Assert.Equal(240 / hours, settlements.Length);
        Assert.All(settlements, f =>
        {
            Assert.Equal(0, f.Time.ToUnixTimeMilliseconds() % (hours * 3_600_000L));
            Assert.True(s.Premium.TryLatest(f.Time.ToUnixTimeMilliseconds() - 1, out var predicted));
            Assert.Equal(predicted.FundingRate, f.Rate);
        });
        Assert.All(s.Premium.Rows, p => Assert.Equal(0, p.NextFundingTime.ToUnixTimeMilliseconds() % (hours * 3_600_000L)));
        // Build-up: positive before the crash; flush: negative at the first settlement after it; recovery later.
        Assert.All(settlements.Where(f => f.Time > Scenario.Start.AddDays(2) && f.Time <= Scenario.CascadeStart), f => Assert.True(f.Rate > 0));
        Assert.True(settlements.First(f => f.Time > Scenario.CascadeEnd).Rate < 0);
        Assert.True(settlements[^1].Rate > settlements.First(f => f.Time > Scenario.CascadeEnd).Rate);
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void Ratios_SharesAddUpAndTakerMatchesKlines(string symbol)
    {
        var s = Of(symbol);
        foreach (var series in new[] { s.GlobalAccounts, s.TopAccounts, s.TopPositions })
        {
            Assert.All(series.Rows, r =>
            {
                Assert.Equal(1m, r.LongShare + r.ShortShare);
                Assert.Equal(Math.Round(r.LongShare / r.ShortShare, 4), r.Ratio);
            });
            var before = series.Rows.Single(r => r.Time == Scenario.CascadeStart).Ratio;
            var after = series.Rows.Single(r => r.Time == Scenario.CascadeEnd).Ratio;
            Assert.True(after < before, $"{symbol}: ratio {before} → {after} over the cascade");
        }
        Assert.All(s.Taker.Rows, t =>
        {
            var bar = s.Klines.Rows.Single(k => k.CloseTime.AddMilliseconds(1) == t.Time);
            Assert.Equal(bar.TakerBuyVolume, t.BuyVolume);
            Assert.Equal(bar.Volume - bar.TakerBuyVolume, t.SellVolume);
        });
    }

    private static List<Liquidation> AllLiquidations()
    {
        var handler = new Fakes.CollectingStreamHandler();
        foreach (var frame in Data.LiquidationFrames)
        {
            DerivBot.Venues.Binance.BinanceParsers.ParseStreamFrame(frame, handler);
        }
        return handler.Liquidations.ToList();
    }
}
