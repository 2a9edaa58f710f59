using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class QuadrantModelTests
{
    private const int HistoryPoints = 24 * 12; // 24 h of 5-minute points before the last 4 h

    /// <summary>24 h of quiet OI (±0.3 %) followed by 4 h following <paramref name="last4h"/>(0..1) as a factor.</summary>
    private static IReadOnlyList<OpenInterestPoint> QuietThen(Func<double, decimal> last4h, bool flatTail = false)
    {
        var contracts = Enumerable.Range(0, HistoryPoints).Select(i => 1000m * (1m + (0.003m * (decimal)Some.Wiggle(i)))).ToList();
        contracts[^1] = 1000m; // the 4 h window starts exactly at 1000
        if (flatTail)
        {
            // Make the last 5 h exactly flat so the final 4 h change is exactly zero.
            for (var i = HistoryPoints - 12; i < HistoryPoints; i++)
            {
                contracts[i] = 1000m;
            }
        }
        contracts.AddRange(Enumerable.Range(1, 48).Select(i => 1000m * last4h(i / 48.0)));
        return Some.Oi(contracts);
    }

    public static TheoryData<string, QuadrantState> SeedCases => new()
    {
        { "rising funding + rising OI", QuadrantState.LongCrowding },
        { "swinging funding + flat OI", QuadrantState.Churn },
        { "OI -15% with funding back near zero", QuadrantState.Deleveraging },
        { "negative funding + rising OI", QuadrantState.ShortCrowding },
        { "steady baseline funding + flat OI", QuadrantState.Neutral },
    };

    private static MarketSnapshot Scenario(string name) => name switch
    {
        "rising funding + rising OI" => Some.Snapshot() with
        {
            OpenInterest = QuietThen(x => 1m + (0.06m * (decimal)x)),
            PredictedFunding = Some.PredictedPath(28, x => x < 24.0 / 28 ? 0.0001m : 0.0001m + (0.0003m * (decimal)((x - (24.0 / 28)) * 7))),
        },
        "swinging funding + flat OI" => Some.Snapshot() with
        {
            OpenInterest = QuietThen(_ => 1m, flatTail: true),
            PredictedFunding = Some.Funding(Enumerable.Range(0, 48).Select(i => (i / 6) % 2 == 0 ? 0.0001m : -0.0001m), Some.FiveMinutes),
        },
        "OI -15% with funding back near zero" => Some.Snapshot() with
        {
            OpenInterest = QuietThen(x => 1m - (0.15m * (decimal)x)),
            PredictedFunding = Some.PredictedPath(28, x => x < 24.0 / 28 ? 0.0006m : 0.00002m),
        },
        "negative funding + rising OI" => Some.Snapshot() with
        {
            OpenInterest = QuietThen(x => 1m + (0.06m * (decimal)x)),
            PredictedFunding = Some.PredictedPath(28, _ => -0.0002m),
        },
        "steady baseline funding + flat OI" => Some.Snapshot() with
        {
            OpenInterest = QuietThen(_ => 1m, flatTail: true),
            PredictedFunding = Some.PredictedPath(28, _ => 0.0001m),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(SeedCases))]
    public void Evaluate_SeedCases_ExpectedState(string scenario, QuadrantState expected)
    {
        var signal = QuadrantModel.Evaluate(Scenario(scenario), Some.Now, Some.Options());

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(expected, signal.State);
        Assert.Equal("quadrant." + ToSnake(expected), signal.Reason.Code);
        Assert.InRange(signal.Confidence, 0.0, 1.0);
        Assert.Equal(TimeSpan.FromHours(4), signal.Window);
        Assert.NotNull(signal.OiZScore); // 24 h of history is enough for a z-score
    }

    // A flush as it really looks (10 October 2025): funding overshoots slightly negative, OI drops 16 % in four hours.
    [Theory]
    [InlineData(-0.0002, QuadrantState.Deleveraging)]
    [InlineData(0.0002, QuadrantState.Deleveraging)]
    [InlineData(-0.0006, QuadrantState.Neutral)] // deeply negative funding is not "back near neutral"
    public void Evaluate_SharpOiFallWithFundingWithinThreeBaselineRates_Deleveraging(double fundingPer8h, QuadrantState expected)
    {
        var snapshot = Some.Snapshot() with
        {
            OpenInterest = QuietThen(x => 1m - (0.16m * (decimal)x)),
            PredictedFunding = Some.PredictedPath(28, x => x < 24.0 / 28 ? 0.0002m : (decimal)fundingPer8h),
        };

        Assert.Equal(expected, QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options()).State);
    }

    [Fact]
    public void Evaluate_BuildUpOfOnePointSixPercentWithRisingFunding_LongCrowding()
    {
        // Against 24 h of ±0.3 % noise, +1.6 % in four hours is far outside the symbol's typical move.
        var snapshot = Some.Snapshot() with
        {
            OpenInterest = QuietThen(x => 1m + (0.016m * (decimal)x)),
            // Funding climbs from the 0.01 % baseline to 0.02 % during the same four hours.
            PredictedFunding = Some.PredictedPath(28, x => x < 24.0 / 28 ? 0.0001m : 0.0001m + (0.0001m * (decimal)((x - (24.0 / 28)) * 7))),
        };

        Assert.Equal(QuadrantState.LongCrowding, QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options()).State);
    }

    [Fact]
    public void Evaluate_LongCrowding_CarriesInputsAndThresholds()
    {
        var options = Some.Options();
        var signal = QuadrantModel.Evaluate(Scenario("rising funding + rising OI"), Some.Now, options);

        Assert.Equal(0.06m, signal.OiChange!.Value, 10);
        Assert.Equal(0.0004m, signal.FundingPer8h!.Value, 10);
        Assert.Equal(0.0003m, signal.FundingChangePer8h!.Value, 10);
        Assert.Equal(OiTrend.Rising, signal.OiTrend);
        Assert.Same(options.Quadrant, signal.Thresholds);
        Assert.Equal(0.06m, signal.Reason.Get("oi_change")!.Value, 10);
        Assert.True(signal.Confidence > 0.5);
    }

    [Fact]
    public void Evaluate_RisingOiWithinSymbolsTypicalSwings_NotRising()
    {
        // History: an 8 h triangle wave of ±8 % every 4 h, so a +3 % move in 4 h is ordinary for this symbol.
        var contracts = new List<decimal>();
        for (var i = 0; i < 48 * 12; i++)
        {
            var phase = i % 96;
            contracts.Add(1000m * (phase < 48 ? 1m + (0.08m * phase / 48) : 1.08m - (0.08m * (phase - 48) / 48)));
        }
        var start = contracts[^1];
        contracts.AddRange(Enumerable.Range(1, 48).Select(i => start * (1m + (0.03m * i / 48))));
        var funding = Some.PredictedPath(52, x => 0.0001m + (0.0004m * (decimal)x));
        var withHistory = Some.Snapshot() with { OpenInterest = Some.Oi(contracts), PredictedFunding = funding };
        var withoutHistory = withHistory with { OpenInterest = Some.Oi(contracts.TakeLast(49)) };

        var judged = QuadrantModel.Evaluate(withHistory, Some.Now, Some.Options());
        var thresholdOnly = QuadrantModel.Evaluate(withoutHistory, Some.Now, Some.Options());

        Assert.NotEqual(OiTrend.Rising, judged.OiTrend);
        Assert.NotEqual(QuadrantState.LongCrowding, judged.State);
        Assert.Equal(QuadrantState.LongCrowding, thresholdOnly.State);
        Assert.Null(thresholdOnly.OiZScore);
        // Without history the confidence carries the no-history factor (0.75 of at most 1).
        Assert.InRange(thresholdOnly.Confidence, 0.0, 0.75);
    }

    [Fact]
    public void Evaluate_NoOi_InsufficientData()
    {
        var snapshot = Some.Snapshot() with { Premium = Some.Premium(0.0001m) };

        var signal = QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options());

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal("quadrant.insufficient_oi", signal.Reason.Code);
    }

    [Fact]
    public void Evaluate_OiButNoFunding_InsufficientFunding()
    {
        var snapshot = Some.Snapshot() with { OpenInterest = QuietThen(_ => 1m) };

        var signal = QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options());

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal("quadrant.insufficient_funding", signal.Reason.Code);
    }

    [Fact]
    public void Series_ChurnThenLongCrowding_ContiguousSpansStartingAndEndingWithThoseStates()
    {
        // 20 h flat OI with funding flipping every 30 min, then 10 h of OI +1 %/h with funding climbing.
        var flat = Enumerable.Repeat(1000m, 20 * 12);
        var rising = Enumerable.Range(1, 10 * 12).Select(i => 1000m * (1m + (0.01m * i / 12)));
        var oi = Some.Oi(flat.Concat(rising));
        var funding = Some.Funding(
            Enumerable.Range(0, 20 * 12).Select(i => (i / 6) % 2 == 0 ? 0.0001m : -0.0001m)
                .Concat(Enumerable.Range(1, 10 * 12).Select(i => 0.0002m + (0.0004m * i / 120))),
            Some.FiveMinutes);
        var snapshot = Some.Snapshot() with { OpenInterest = oi, PredictedFunding = funding };
        var from = Some.Now.AddHours(-30);

        var spans = QuadrantModel.Series(snapshot, from, Some.Now, Some.Options());

        Assert.NotEmpty(spans);
        Assert.Equal(QuadrantState.Churn, spans[0].State);
        Assert.Equal(oi[0].Time.AddHours(4), spans[0].Start); // the first point with a full 4 h window behind it
        Assert.Equal(QuadrantState.LongCrowding, spans[^1].State);
        Assert.Equal(Some.Now, spans[^1].End);
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.Equal(spans[i - 1].End, spans[i].Start);
            Assert.NotEqual(spans[i - 1].State, spans[i].State);
        }
        Assert.All(spans, s => Assert.True(s.End >= s.Start));
    }

    [Fact]
    public void Series_NoData_Empty()
    {
        Assert.Empty(QuadrantModel.Series(Some.Snapshot(), Some.Now.AddDays(-1), Some.Now, Some.Options()));
    }

    [Fact]
    public void Series_GapInOi_SplitsSpans()
    {
        var before = Some.Oi(Enumerable.Repeat(1000m, 6 * 12), end: Some.Now.AddHours(-10));
        var after = Some.Oi(Enumerable.Repeat(1000m, 6 * 12));
        var snapshot = Some.Snapshot() with
        {
            OpenInterest = [.. before, .. after],
            PredictedFunding = Some.PredictedPath(30, _ => 0.0001m),
        };

        var spans = QuadrantModel.Series(snapshot, Some.Now.AddDays(-2), Some.Now, Some.Options());

        Assert.True(spans.Count >= 2, string.Join(" | ", spans));
        Assert.All(spans, s => Assert.Equal(QuadrantState.Neutral, s.State));
        var gapStart = Some.Now.AddHours(-10).AddMinutes(5); // one step after the last point before the gap
        var gapEnd = after[0].Time;
        Assert.Equal(gapStart, spans[0].End);
        Assert.DoesNotContain(spans, s => s.Start < gapEnd && s.End > gapStart);
    }

    private static string ToSnake(QuadrantState s) => s switch
    {
        QuadrantState.LongCrowding => "long_crowding",
        QuadrantState.ShortCrowding => "short_crowding",
        QuadrantState.Churn => "churn",
        QuadrantState.Deleveraging => "deleveraging",
        _ => "neutral",
    };
}
