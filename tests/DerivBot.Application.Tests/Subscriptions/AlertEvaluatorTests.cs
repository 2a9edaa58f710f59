using DerivBot.Application.Alerts;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Tests.Subscriptions;

public sealed class AlertEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly Symbol Btc = new("BTCUSDT");

    private static MarketSnapshot Snapshot(decimal funding = 0.0001m, IReadOnlyList<OpenInterestPoint>? oi = null, IReadOnlyList<Kline>? klines = null) => new()
    {
        Venue = "binance",
        Symbol = Btc,
        DataTime = Now,
        Premium = new PremiumIndex(Btc, 60000, 60000, 60000, funding, 0.0001m, Now.AddHours(1), Now),
        OpenInterest = oi ?? [],
        Klines = klines ?? [],
    };

    private static AlertContext Context(MarketSnapshot snapshot, IReadOnlyList<FundingRatePoint>? history = null, decimal liq = 0) =>
        new(snapshot, Now, history ?? snapshot.FundingHistory, liq, null);

    [Theory]
    [InlineData(0.0006, true)]
    [InlineData(0.0005, true)]
    [InlineData(0.0004, false)]
    public void Evaluate_FundingAbove_ComparesFraction(double funding, bool holds)
    {
        var condition = new AlertCondition(AlertMetric.Funding, AlertDirection.Above, 0.0005m);
        Assert.Equal(holds, AlertEvaluator.Evaluate(condition, Context(Snapshot((decimal)funding))).Holds);
    }

    [Fact]
    public void Evaluate_Percentile_NeedsEnoughHistory()
    {
        var condition = new AlertCondition(AlertMetric.FundingPercentile, AlertDirection.Beyond, 95);
        var few = Enumerable.Range(0, 10).Select(i => new FundingRatePoint(Now.AddHours(-8 * i), 0.0001m, null)).ToList();
        Assert.False(AlertEvaluator.Evaluate(condition, Context(Snapshot(0.001m), few)).Available);
        var many = Enumerable.Range(0, 100).Select(i => new FundingRatePoint(Now.AddHours(-8 * i), 0.00001m * i, null)).ToList();
        Assert.True(AlertEvaluator.Evaluate(condition, Context(Snapshot(0.01m), many)).Holds);
        Assert.False(AlertEvaluator.Evaluate(condition, Context(Snapshot(0.0005m), many)).Holds);
        Assert.True(AlertEvaluator.Evaluate(condition, Context(Snapshot(-0.01m), many)).Holds);
    }

    [Fact]
    public void Evaluate_OpenInterestChange_UsesWindow()
    {
        var points = Enumerable.Range(0, 60).Select(i => new OpenInterestPoint(Now.AddMinutes(-5 * (59 - i)), 1000m + (i >= 48 ? 100m : 0m), 0)).ToList();
        var up = new AlertCondition(AlertMetric.OpenInterestChange, AlertDirection.Above, 5m, TimeSpan.FromHours(1));
        var observation = AlertEvaluator.Evaluate(up, Context(Snapshot(oi: points)));
        Assert.True(observation.Holds);
        Assert.Equal("+10.00%", observation.ValueText);
        var longWindow = up with { Window = TimeSpan.FromDays(2) };
        Assert.False(AlertEvaluator.Evaluate(longWindow, Context(Snapshot(oi: points))).Available);
    }

    [Fact]
    public void Evaluate_Liquidations_ComparesUsd()
    {
        var condition = new AlertCondition(AlertMetric.Liquidations5m, AlertDirection.Above, 5_000_000m);
        Assert.True(AlertEvaluator.Evaluate(condition, Context(Snapshot(), liq: 6_000_000m)).Holds);
        Assert.False(AlertEvaluator.Evaluate(condition, Context(Snapshot(), liq: 4_000_000m)).Holds);
    }

    [Fact]
    public void LiquidationsByVenueInWindow_ThreeVenues_PartsSumToTheTotalAndNameEachVenue()
    {
        List<Liquidation> events =
        [
            new(Btc, PositionSide.Long, 60000m, 60000m, 1m, Now.AddMinutes(-6)),                  // outside the 5 minutes
            new(Btc, PositionSide.Long, 60000m, 60000m, 30m, Now.AddMinutes(-4)),                 // the primary's stream: $1.8M
            new(Btc, PositionSide.Long, 60000m, 60000m, 40m, Now.AddMinutes(-3), VenueIds.Bybit), // $2.4M
            new(Btc, PositionSide.Short, 60000m, 60000m, 20m, Now.AddMinutes(-2), VenueIds.Okx),  // $1.2M
            new(Btc, PositionSide.Long, 60000m, 60000m, 5m, Now.AddMinutes(-1), VenueIds.Bybit),  // $0.3M
        ];

        var split = AlertEvaluator.LiquidationsByVenueInWindow(events, Now, TimeSpan.FromMinutes(5), "binance");

        Assert.Equal([("bybit", 2_700_000m), ("binance", 1_800_000m), ("okx", 1_200_000m)], split.Select(v => (v.Venue, v.Usd)));
        Assert.Equal(AlertEvaluator.LiquidationsInWindow(events, Now, TimeSpan.FromMinutes(5)), split.Sum(v => v.Usd));
        var condition = new AlertCondition(AlertMetric.Liquidations5m, AlertDirection.Above, 5_000_000m);
        var observation = AlertEvaluator.Evaluate(condition, new AlertContext(Snapshot(), Now, [], 5_700_000m, null, null, split));
        Assert.True(observation.Holds);
        Assert.Equal(split, observation.Venues);
    }

    [Fact]
    public void ComputeRsi_RisingCloses_IsHigh()
    {
        // 30 closed 5-minute candles, the last closing at Now (alerts read closed candles only).
        var klines = Enumerable.Range(0, 30).Select(i => new Kline(Now.AddMinutes(5 * (i - 30)), 0, 0, 0, 100 + i + (i % 3 == 0 ? -0.5m : 0), 0, Now, 0, 0, 0, 0)).ToList();
        var rsi = AlertEvaluator.ComputeRsi(klines, 14);
        Assert.NotNull(rsi);
        Assert.InRange(rsi!.Value, 80m, 100m);
        var condition = new AlertCondition(AlertMetric.Rsi, AlertDirection.Beyond, 70);
        Assert.True(AlertEvaluator.Evaluate(condition, Context(Snapshot(klines: klines))).Holds);
        Assert.Null(AlertEvaluator.ComputeRsi(klines.Take(10).ToList(), 14));
    }

    [Fact]
    public void Evaluate_Rsi_FormingCandleIgnored()
    {
        // Closed candles rise steadily (RSI 100); a forming candle crashing 50 % must not pull the rule's reading.
        var closed = Enumerable.Range(0, 30).Select(i => new Kline(Now.AddMinutes(5 * (i - 30)), 0, 0, 0, 100 + i, 0, Now, 0, 0, 0, 0)).ToList();
        var forming = new Kline(Now, 0, 0, 0, 60m, 0, Now.AddMinutes(5), 0, 0, 0, 0);
        var condition = new AlertCondition(AlertMetric.Rsi, AlertDirection.Beyond, 80);

        var observation = AlertEvaluator.Evaluate(condition, Context(Snapshot(klines: [.. closed, forming])));

        Assert.Equal(30, AlertEvaluator.ClosedCount(Snapshot(klines: [.. closed, forming]), Now));
        Assert.Equal("100.0", observation.ValueText);
        Assert.True(observation.Holds);
    }

    [Fact]
    public void Evaluate_OpenInterestChange_ExactWindowInterpolated()
    {
        // OI +1 contract per minute sampled every 7 minutes: now − 1 h falls between samples; the change is exact.
        var points = Enumerable.Range(0, 20).Select(i => new OpenInterestPoint(Now.AddMinutes(-7 * (19 - i)), 1000m + (7 * i), 0)).ToList();
        var condition = new AlertCondition(AlertMetric.OpenInterestChange, AlertDirection.Above, 1m, TimeSpan.FromHours(1));

        var observation = AlertEvaluator.Evaluate(condition, Context(Snapshot(oi: points)));

        var last = 1000m + (7 * 19);
        Assert.Equal((60m / (last - 60m) * 100m).ToString("+0.00", System.Globalization.CultureInfo.InvariantCulture) + "%", observation.ValueText);
    }
}
