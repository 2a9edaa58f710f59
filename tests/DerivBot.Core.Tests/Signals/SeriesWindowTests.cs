using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

/// <summary>Changes "over w" are measured over exactly w: the start value is interpolated at now − w.</summary>
public sealed class SeriesWindowTests
{
    /// <summary>OI rising by 1 contract per minute from 10 000, sampled every 7 minutes (so no window start hits a sample).</summary>
    private static IReadOnlyList<OpenInterestPoint> LinearOi(int samples = 26 * 60 / 7) =>
        Some.Oi(Enumerable.Range(0, samples + 1).Select(i => 10_000m + (7m * i)), TimeSpan.FromMinutes(7));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(24)]
    public void Compute_SteadyLinearOiSampledEverySevenMinutes_ChangeExactOverEachWindow(int hours)
    {
        var oi = LinearOi();
        var last = oi[^1].Contracts;
        var expected = (60m * hours) / (last - (60m * hours));

        var change = SignalEngine.Compute(Some.Snapshot() with { OpenInterest = oi }, Some.Now, Some.Options())
            .OpenInterest.ChangeOver(TimeSpan.FromHours(hours))!;

        Assert.Equal(expected, change.ContractsChange!.Value, 20);
        Assert.Equal(expected, change.ValueUsdChange!.Value, 20); // USD = contracts × a constant price
        // The old rule (the sample at or before now − w) would have measured up to 7 minutes more.
        var atOrBefore = (decimal)(Math.Ceiling(hours * 60 / 7.0) * 7);
        Assert.NotEqual(atOrBefore / (last - atOrBefore), change.ContractsChange.Value);
    }

    [Fact]
    public void Evaluate_SteadyLinearOi_QuadrantChangeExactOnBothHorizons()
    {
        var snapshot = Some.Snapshot() with { OpenInterest = LinearOi(), PredictedFunding = Some.PredictedPath(26, _ => 0.0001m) };
        var last = snapshot.OpenInterest[^1].Contracts;

        var signal = QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options());

        Assert.Equal(240m / (last - 240m), signal.Over(TimeSpan.FromHours(4))!.OiChange!.Value, 20);
        Assert.Equal(1440m / (last - 1440m), signal.Over(TimeSpan.FromHours(24))!.OiChange!.Value, 20);
    }

    [Fact]
    public void Evaluate_LinearPredictedFundingEverySevenMinutes_FundingChangeExact()
    {
        // Predicted funding rising 0.000001 per minute: over 4 h exactly +0.00024 (8 h symbol, so per 8 h as is).
        var funding = Some.Funding(Enumerable.Range(0, 40).Select(i => 0.0001m + (0.000007m * i)), TimeSpan.FromMinutes(7));
        var snapshot = Some.Snapshot() with
        {
            OpenInterest = Some.Oi(Enumerable.Repeat(1000m, 5 * 12 + 1)),
            PredictedFunding = funding,
        };

        var signal = QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options());

        Assert.Equal(TimeSpan.FromHours(4), signal.Window);
        Assert.Equal(0.00024m, signal.FundingChangePer8h!.Value, 20);
    }

    [Fact]
    public void Compute_LinearPriceWithFormingCandle_PriceChangeExact()
    {
        // Price rises 0.01 per minute; candles open every 5 minutes and the newest (opened at Now) is 2 minutes old, so
        // "now − 4 h" falls 2 minutes into a candle.
        var now = Some.Now.AddMinutes(2);
        var opens = Enumerable.Range(0, 60).Select(i => Some.Now.AddMinutes(-5 * (59 - i))).ToList();
        decimal PriceAt(DateTimeOffset t) => 100m + (0.01m * (decimal)(t - opens[0]).TotalMinutes);
        var klines = opens.Select(t =>
        {
            var close = t.AddMinutes(5) > now ? PriceAt(now) : PriceAt(t.AddMinutes(5));
            return Some.Bar(t, PriceAt(t), close, PriceAt(t), close);
        }).ToList();
        var snapshot = Some.Snapshot() with { Klines = klines, OpenInterest = Some.Oi(Enumerable.Repeat(1000m, 60), end: now) };

        var signal = SignalEngine.Compute(snapshot, now, Some.Options()).PriceOi;

        Assert.Equal(2.4m / (PriceAt(now) - 2.4m), signal.PriceChange!.Value, 20);
    }

    [Theory]
    [InlineData(-10, 0.0)] // exactly on a point
    [InlineData(-7, 0.3)] // interpolated between −10 and 0
    public void ValueAt_BetweenPoints_Interpolates(int minutes, double weight)
    {
        var points = Some.Oi([100m, 200m], TimeSpan.FromMinutes(10));

        var value = SeriesWindow.ValueAt(points, points.Count, p => p.Time, p => p.Contracts, Some.Now.AddMinutes(minutes), TimeSpan.FromMinutes(15));

        Assert.Equal(100m + (100m * (decimal)weight), value);
    }

    [Fact]
    public void ValueAt_HistoryDoesNotReachBack_Null()
    {
        var points = Some.Oi([100m, 200m], TimeSpan.FromMinutes(10));

        Assert.Null(SeriesWindow.ValueAt(points, points.Count, p => p.Time, p => p.Contracts, Some.Now.AddMinutes(-11), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void ValueAt_NextPointBeyondTolerance_NearestEarlierPoint()
    {
        // A gap after the start: the earlier point (5 min away, within 15) stands in; the later one (55 min away) is not used.
        var points = new List<OpenInterestPoint> { new(Some.Now.AddMinutes(-65), 100m, 0m), new(Some.Now, 200m, 0m) };

        Assert.Equal(100m, SeriesWindow.ValueAt(points, 2, p => p.Time, p => p.Contracts, Some.Now.AddMinutes(-60), TimeSpan.FromMinutes(15)));
        Assert.Null(SeriesWindow.ValueAt(points, 2, p => p.Time, p => p.Contracts, Some.Now.AddMinutes(-40), TimeSpan.FromMinutes(15)));
    }

    // ------------------------------------------------------------------ RSI on closed candles

    [Fact]
    public void Compute_FormingHour_RsiReadsClosedHoursAndShowsFormingBeside()
    {
        // 20 closed hours rising steadily, then a forming hour (35 minutes in) crashing: zones must not flip inside the hour.
        var closes = Enumerable.Range(0, 20 * 12).Select(i => 100m + (i * 0.1m))
            .Concat(Enumerable.Range(1, 7).Select(i => 124m - (i * 2m)));
        var now = Some.Now.AddMinutes(35);
        var snapshot = Some.Snapshot() with { Klines = Some.Klines(closes, KlineInterval.M5, now.AddMinutes(-5)) };

        var rsi = SignalEngine.Compute(snapshot, now, Some.Options()).Rsi;

        Assert.Equal(20, rsi.CandlesUsed);
        Assert.Equal(100.0, rsi.Value);
        Assert.Equal(RsiZone.Overbought3, rsi.Zone);
        Assert.NotNull(rsi.FormingValue);
        Assert.True(rsi.FormingValue < 90, $"forming {rsi.FormingValue}");
    }

    [Fact]
    public void Compute_NewestHourClosed_NoFormingValue()
    {
        var closes = Enumerable.Range(0, 20 * 12).Select(i => 100m + (i * 0.1m));
        var snapshot = Some.Snapshot() with { Klines = Some.Klines(closes, KlineInterval.M5, Some.Now.AddMinutes(-5)) };

        var rsi = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Rsi;

        Assert.Equal(20, rsi.CandlesUsed);
        Assert.Null(rsi.FormingValue);
    }
}
