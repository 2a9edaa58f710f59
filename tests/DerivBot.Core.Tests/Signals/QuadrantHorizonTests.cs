using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

/// <summary>The quadrant on several horizons (4 h and 24 h by default), churn across settlements, and the conflict rule.</summary>
public sealed class QuadrantHorizonTests
{
    private static readonly TimeSpan H4 = TimeSpan.FromHours(4);
    private static readonly TimeSpan H24 = TimeSpan.FromHours(24);

    /// <summary>
    /// Three days of 5-minute OI: two quiet days (±0.3 % noise around 1000, so both horizons have z-scores) and then the
    /// last 24 h following <paramref name="lastDay"/>(hours ago, 24..0) as a factor of 1000.
    /// </summary>
    private static IReadOnlyList<OpenInterestPoint> Oi(Func<double, decimal> lastDay)
    {
        const int points = 72 * 12;
        return Some.Oi(Enumerable.Range(0, points + 1).Select(i =>
        {
            var hoursAgo = (points - i) / 12.0;
            return hoursAgo > 24 ? 1000m * (1m + (0.003m * (decimal)Some.Wiggle(i))) : 1000m * lastDay(hoursAgo);
        }));
    }

    /// <summary>Predicted funding every 5 minutes over the last 30 h following <paramref name="rate"/>(hours ago).</summary>
    private static IReadOnlyList<FundingRatePoint> Predicted(Func<double, decimal> rate) =>
        Some.Funding(Enumerable.Range(0, (30 * 12) + 1).Select(i => rate(((30 * 12) - i) / 12.0)), Some.FiveMinutes);

    /// <summary>A rate that moves linearly from <paramref name="from"/> to <paramref name="to"/> over the last <paramref name="hours"/>.</summary>
    private static Func<double, decimal> Ramp(decimal from, decimal to, double hours) =>
        ago => ago >= hours ? from : from + ((to - from) * (decimal)((hours - ago) / hours));

    /// <summary>OI flat at 1000 until <paramref name="hours"/> ago, then moving linearly by <paramref name="change"/>.</summary>
    private static Func<double, decimal> Move(decimal change, double hours) =>
        ago => ago >= hours ? 1m : 1m + (change * (decimal)((hours - ago) / hours));

    public static TheoryData<string, QuadrantState, int> EachStateOnEachHorizon => new()
    {
        { "long crowding built in the last 4h", QuadrantState.LongCrowding, 4 },
        { "long crowding built slowly over a day", QuadrantState.LongCrowding, 24 },
        { "short crowding built in the last 4h", QuadrantState.ShortCrowding, 4 },
        { "short crowding built slowly over a day", QuadrantState.ShortCrowding, 24 },
        { "flush in the last 4h", QuadrantState.Deleveraging, 4 },
        { "steady 24h deleveraging, -4.7% per 4h", QuadrantState.Deleveraging, 24 },
        { "funding flipping every 30 min in the last 4h", QuadrantState.Churn, 4 },
        { "funding flipping every 6h over a day", QuadrantState.Churn, 24 },
        { "quiet", QuadrantState.Neutral, 4 },
    };

    private static MarketSnapshot Scenario(string name) => name switch
    {
        // +6 % in four hours and funding 0.01 % → 0.04 %: both horizons fire, the 4 h one further past its thresholds.
        "long crowding built in the last 4h" => Some.Snapshot() with
        {
            OpenInterest = Oi(Move(0.06m, 4)),
            PredictedFunding = Predicted(Ramp(0.0001m, 0.0004m, 4)),
        },
        // +8 % over 24 h is +1.3 % per 4 h (under the 4 h threshold); funding 0.01 % → 0.03 % over the day.
        "long crowding built slowly over a day" => Some.Snapshot() with
        {
            OpenInterest = Oi(Move(0.08m, 24)),
            PredictedFunding = Predicted(Ramp(0.0001m, 0.0003m, 24)),
        },
        "short crowding built in the last 4h" => Some.Snapshot() with
        {
            OpenInterest = Oi(Move(0.06m, 4)),
            PredictedFunding = Predicted(_ => -0.0002m),
        },
        "short crowding built slowly over a day" => Some.Snapshot() with
        {
            OpenInterest = Oi(Move(0.08m, 24)),
            PredictedFunding = Predicted(_ => -0.0002m),
        },
        // −15 % in four hours while funding falls back from 0.06 % to 0.002 %.
        "flush in the last 4h" => Some.Snapshot() with
        {
            OpenInterest = Oi(Move(-0.15m, 4)),
            PredictedFunding = Predicted(ago => ago > 4 ? 0.0006m : 0.00002m),
        },
        // The case ④: OI −25 % over 24 h in steady steps (every 4 h window −4.7 %, under the 4 h −5 % threshold)
        // with funding near neutral. A single 4 h window never sees it.
        "steady 24h deleveraging, -4.7% per 4h" => Some.Snapshot() with
        {
            OpenInterest = Oi(ago => (decimal)Math.Pow(0.75, (24 - ago) / 24)),
            PredictedFunding = Predicted(_ => 0.00005m),
        },
        // Flat OI; funding flips every 30 minutes in the last 4 h only. Both horizons see the flips with full confidence:
        // the tie goes to the shorter horizon.
        "funding flipping every 30 min in the last 4h" => Some.Snapshot() with
        {
            OpenInterest = Oi(_ => 1m),
            PredictedFunding = Predicted(ago => ago > 4 ? 0.0001m : ((int)(ago * 2) % 2 == 0 ? 0.0001m : -0.0001m)),
        },
        // Flat OI; funding ±0.008 % flipping every 6 h: a 4 h window holds at most one flip and a small spread.
        "funding flipping every 6h over a day" => Some.Snapshot() with
        {
            OpenInterest = Oi(_ => 1m),
            PredictedFunding = Predicted(ago => (int)((ago + 1) / 6) % 2 == 0 ? 0.00008m : -0.00008m),
        },
        "quiet" => Some.Snapshot() with
        {
            OpenInterest = Oi(_ => 1m),
            PredictedFunding = Predicted(_ => 0.0001m),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static SignalOptions NoSettledChurn()
    {
        var options = Some.Options();
        options.Quadrant.ChurnSettlements = 0;
        return options;
    }

    [Theory]
    [MemberData(nameof(EachStateOnEachHorizon))]
    public void Evaluate_EachStateOnEachHorizon_StateAndHorizon(string scenario, QuadrantState expected, int hours)
    {
        var signal = QuadrantModel.Evaluate(Scenario(scenario), Some.Now, Some.Options());

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(expected, signal.State);
        Assert.Equal(TimeSpan.FromHours(hours), signal.Window);
        Assert.Equal((decimal)hours, signal.Reason.Get("window_hours"));
        Assert.Equal([H4, H24], signal.Horizons.Select(h => h.Window));
        Assert.All(signal.Horizons, h => Assert.Equal(SignalStatus.Ok, h.Status));
        Assert.Equal(expected, signal.Over(TimeSpan.FromHours(hours))!.State);
        Assert.NotNull(signal.OiZScore);
        // The deciding horizon is the most confident firing one (Neutral only when none fires).
        var firing = signal.Horizons.Where(h => h.State != QuadrantState.Neutral).ToList();
        Assert.Equal(expected == QuadrantState.Neutral, firing.Count == 0);
        Assert.All(firing, h => Assert.True(h.Confidence <= signal.Confidence + 1e-12, $"{h.Window}: {h.Confidence} > {signal.Confidence}"));
    }

    [Fact]
    public void Evaluate_SteadyDayLongDeleveraging_OnlyTheDayHorizonSeesIt()
    {
        var signal = QuadrantModel.Evaluate(Scenario("steady 24h deleveraging, -4.7% per 4h"), Some.Now, Some.Options());

        Assert.Equal(QuadrantState.Deleveraging, signal.State);
        Assert.Equal(H24, signal.Window);
        Assert.Equal(-0.25m, signal.OiChange!.Value, 6);
        Assert.Equal(0.25m, signal.Reason.Get("oi_fall")!.Value, 6); // the magnitude, for "OI fell 25.00% over 24h"
        var fourHours = signal.Over(H4)!;
        Assert.Equal(QuadrantState.Neutral, fourHours.State);
        Assert.Equal((decimal)Math.Pow(0.75, 4.0 / 24) - 1m, fourHours.OiChange!.Value, 6); // −4.68 %: under the 5 % threshold
    }

    [Fact]
    public void Evaluate_FlipsInLastFourHours_TieGoesToTheShorterHorizon()
    {
        // OI exactly constant (no z-score on either horizon) and seven flips in both windows: both horizons score the
        // same. The shorter horizon wins the tie: it is the more recent evidence.
        var snapshot = Scenario("funding flipping every 30 min in the last 4h") with { OpenInterest = Some.Oi(Enumerable.Repeat(1000m, (30 * 12) + 1)) };

        var signal = QuadrantModel.Evaluate(snapshot, Some.Now, NoSettledChurn());

        Assert.Equal(QuadrantState.Churn, signal.Over(H4)!.State);
        Assert.Equal(QuadrantState.Churn, signal.Over(H24)!.State);
        Assert.Equal(signal.Over(H4)!.Confidence, signal.Over(H24)!.Confidence, 12);
        Assert.Equal(H4, signal.Window);
    }

    // ------------------------------------------------------------------ churn across settlements

    /// <summary>Settled rates every <paramref name="intervalHours"/> ending at the last settlement before Now.</summary>
    private static IReadOnlyList<FundingRatePoint> Settled(int intervalHours, int count, Func<int, decimal> rate, DateTimeOffset last) =>
        Some.Funding(Enumerable.Range(0, count).Select(rate), TimeSpan.FromHours(intervalHours), last);

    [Fact]
    public void Evaluate_EightHourSymbolFlippingEachSettlementOneShot_Churn()
    {
        // Two days of 8 h settlements flipping +0.03 % / −0.03 %, flat OI, and — as in a one-shot `ask` — a single
        // predicted sample. Predicted samples alone could never show the swing.
        var snapshot = Some.Snapshot() with
        {
            FundingIntervalHours = 8,
            OpenInterest = Oi(_ => 1m),
            FundingHistory = Settled(8, 7, i => i % 2 == 0 ? 0.0003m : -0.0003m, Some.Now.AddHours(-4)),
            PredictedFunding = Some.Funding([0.0001m], Some.FiveMinutes),
            Premium = Some.Premium(0.0001m),
        };

        var signal = QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options());
        var predictedOnly = QuadrantModel.Evaluate(snapshot, Some.Now, NoSettledChurn());

        Assert.Equal(QuadrantState.Churn, signal.State);
        Assert.True(signal.FundingSignChanges >= 5, signal.Reason.ToString());
        Assert.Equal(7, signal.FundingSamples); // the last 6 settlements and the one prediction
        Assert.All(signal.Horizons, h => Assert.Equal(QuadrantState.Churn, h.State));
        Assert.Equal(QuadrantState.Neutral, predictedOnly.State);
    }

    [Fact]
    public void Evaluate_FreshBotWithoutPredictions_ChurnFromSettledRatesAlone()
    {
        var snapshot = Some.Snapshot() with
        {
            FundingIntervalHours = 8,
            OpenInterest = Oi(_ => 1m),
            FundingHistory = Settled(8, 6, i => i % 2 == 0 ? 0.0003m : -0.0003m, Some.Now.AddHours(-1)),
        };

        Assert.Equal(QuadrantState.Churn, QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options()).State);
    }

    [Fact]
    public void Evaluate_EightHourSymbolSteadySettlements_Neutral()
    {
        var snapshot = Some.Snapshot() with
        {
            FundingIntervalHours = 8,
            OpenInterest = Oi(_ => 1m),
            FundingHistory = Settled(8, 7, _ => 0.0001m, Some.Now.AddHours(-4)),
            PredictedFunding = Some.Funding([0.0001m], Some.FiveMinutes),
        };

        Assert.Equal(QuadrantState.Neutral, QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options()).State);
    }

    [Fact]
    public void Evaluate_OneHourSymbolChurningWithinADay_Churn()
    {
        // A 1 h symbol: positive settlements all day, then the last six hours flip sign every settlement while OI is flat.
        // "The last 6 settlements" is 6 hours here, not 48: churn shows within the day.
        var snapshot = Some.Snapshot() with
        {
            FundingIntervalHours = 1,
            OpenInterest = Oi(_ => 1m),
            FundingHistory = Settled(1, 24, i => i < 18 ? 0.00002m : (i % 2 == 0 ? 0.00004m : -0.00004m), Some.Now.AddMinutes(-30)),
            PredictedFunding = Some.Funding([0.00004m], Some.FiveMinutes),
        };

        var signal = QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options());
        var earlier = QuadrantModel.Evaluate(snapshot, Some.Now.AddHours(-7), Some.Options());

        Assert.Equal(QuadrantState.Churn, signal.State);
        Assert.Equal(QuadrantState.Neutral, earlier.State); // before the flipping started
    }

    // ------------------------------------------------------------------ conflicts between horizons

    /// <summary>
    /// OI fell for 20 h (−<paramref name="fall"/>) and then rose <paramref name="rise"/> in the last 4 h; funding sits at
    /// <paramref name="funding"/> after rising by <paramref name="fundingRise"/> in those 4 h: long crowding on 4 h inside
    /// deleveraging on 24 h.
    /// </summary>
    private static MarketSnapshot LongsInsideFlush(decimal fall, decimal rise, decimal funding, decimal fundingRise) => Some.Snapshot() with
    {
        OpenInterest = Oi(ago => ago >= 4
            ? 1m - (fall * (decimal)((24 - ago) / 20))
            : (1m - fall) * (1m + (rise * (decimal)((4 - ago) / 4)))),
        PredictedFunding = Predicted(Ramp(funding - fundingRise, funding, 4)),
    };

    [Fact]
    public void Evaluate_StrongFourHourBuildUpInsideMildDayFlush_FourHourLongCrowdingWins()
    {
        // 24 h: −20 % then +4 % → −16.8 %, past the −12 % threshold. 4 h: +4 % with funding up 0.015 %.
        var signal = QuadrantModel.Evaluate(LongsInsideFlush(0.20m, 0.04m, 0.00025m, 0.00015m), Some.Now, Some.Options());

        Assert.Equal(QuadrantState.LongCrowding, signal.Over(H4)!.State);
        Assert.Equal(QuadrantState.Deleveraging, signal.Over(H24)!.State);
        Assert.True(signal.Over(H4)!.Confidence > signal.Over(H24)!.Confidence);
        Assert.Equal(QuadrantState.LongCrowding, signal.State);
        Assert.Equal(H4, signal.Window);
    }

    [Fact]
    public void Evaluate_WeakFourHourBuildUpInsideDeepDayFlush_DayDeleveragingWins()
    {
        // 24 h: −35 % then +1.6 % → −34 %, far past −12 %. 4 h: +1.6 % (barely rising) with funding up just 0.006 %.
        var signal = QuadrantModel.Evaluate(LongsInsideFlush(0.35m, 0.016m, 0.00012m, 0.00006m), Some.Now, Some.Options());

        Assert.Equal(QuadrantState.LongCrowding, signal.Over(H4)!.State);
        Assert.Equal(QuadrantState.Deleveraging, signal.Over(H24)!.State);
        Assert.True(signal.Over(H24)!.Confidence > signal.Over(H4)!.Confidence);
        Assert.Equal(QuadrantState.Deleveraging, signal.State);
        Assert.Equal(H24, signal.Window);
    }

    [Fact]
    public void Series_UsesTheSameRuleAsEvaluate()
    {
        // The chart's shading ends in the state the report shows, for a case only the 24 h horizon sees.
        var snapshot = Scenario("steady 24h deleveraging, -4.7% per 4h");

        var spans = QuadrantModel.Series(snapshot, Some.Now.AddHours(-6), Some.Now, Some.Options());

        Assert.Equal(QuadrantState.Deleveraging, spans[^1].State);
        Assert.Equal(QuadrantModel.Evaluate(snapshot, Some.Now, Some.Options()).State, spans[^1].State);
    }

    // ------------------------------------------------------------------ configuration

    [Fact]
    public void EffectiveHorizons_Defaults_FourAndTwentyFourHoursWithDayThresholds()
    {
        var horizons = new QuadrantOptions().EffectiveHorizons();

        Assert.Equal([H4, H24], horizons.Select(h => h.Window));
        Assert.Equal(new QuadrantHorizon(H4, 0.015m, 0.01m, 0.05m, 0.00005m), horizons[0]);
        Assert.Equal(new QuadrantHorizon(H24, 0.04m, 0.025m, 0.12m, 0.0001m), horizons[1]);
    }

    [Fact]
    public void EffectiveHorizons_ConfiguredWithoutThresholds_ScaledBySquareRootOfTime()
    {
        var options = new QuadrantOptions
        {
            Horizons = [new() { Window = TimeSpan.FromHours(16) }, new() { Window = TimeSpan.FromHours(1), OiSharpFall = 0.03m }],
        };

        var horizons = options.EffectiveHorizons();

        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(16)], horizons.Select(h => h.Window));
        Assert.Equal(0.03m, horizons[0].OiSharpFall); // configured
        Assert.Equal(0.0075m, horizons[0].OiRisingChange); // 0.015 × √(1/4)
        Assert.Equal(0.03m, horizons[1].OiRisingChange); // 0.015 × √(16/4)
        Assert.Equal(0.1m, horizons[1].OiSharpFall);
    }
}
