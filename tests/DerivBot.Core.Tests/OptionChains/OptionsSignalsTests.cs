using DerivBot.Core.OptionChains;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.OptionChains;

public sealed class OptionsSignalsTests
{
    // Thursday 2026-12-03 12:00 UTC. Expiries: Fri 4 Dec (weekly), Sat 5 Dec (daily), Fri 25 Dec (last Friday of
    // December: monthly AND quarterly), Fri 29 Jan 2027 (monthly).
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static OptionSummary O(string name, decimal oi, decimal? volume = null, decimal? iv = null, decimal? underlying = null)
    {
        Assert.True(OptionName.TryParse(name, out var n), name);
        return new OptionSummary(name, n, oi, volume, iv, underlying, null);
    }

    private static OptionChain Chain(decimal? index, params OptionSummary[] options) => new("BTC", "deribit", Now, index, options);

    /// <summary>The small chain the hand computations below use.</summary>
    private static OptionChain Small() => Chain(100_000m,
        // 25 Dec (monthly): calls 10 @ 90k, 20 @ 100k, 5 @ 110k; puts 30 @ 90k, 10 @ 100k.
        O("BTC-25DEC26-90000-C", 10m, 2m, 0.50m, 100_500m),
        O("BTC-25DEC26-100000-C", 20m, 4m, 0.48m, 100_500m),
        O("BTC-25DEC26-110000-C", 5m, null, 0.52m, 100_500m),
        O("BTC-25DEC26-90000-P", 30m, 3m, 0.56m, 100_500m),
        O("BTC-25DEC26-100000-P", 10m, 1m, 0.52m, 100_500m),
        // 4 Dec (weekly): calls 8, puts 4.
        O("BTC-4DEC26-100000-C", 8m, 10m, 0.40m, 100_100m),
        O("BTC-4DEC26-95000-P", 4m, 5m, 0.45m, 100_100m),
        // 5 Dec (daily): calls only.
        O("BTC-5DEC26-100000-C", 6m, 0m, null, 100_100m),
        // 29 Jan 2027 (monthly): puts only, no volume at all.
        O("BTC-29JAN27-80000-P", 2m, null, null, null));

    [Fact]
    public void Compute_SmallChain_HandComputedRatiosPerExpiryAndOverall()
    {
        var s = OptionsSignals.Compute(Small(), Now, new OptionsSignalOptions(), [], OptionsMarketContext.None);

        Assert.Equal(SignalStatus.Ok, s.Status);
        // Calls 10+20+5+8+6 = 49; puts 30+10+4+2 = 46.
        Assert.Equal(49m, s.CallOi);
        Assert.Equal(46m, s.PutOi);
        Assert.Equal(46m / 49m, s.PutCallOiRatio);
        Assert.Equal(49m / 95m, s.CallOiShare);
        // Volumes: calls 2+4+0(null)+10+0 = 16; puts 3+1+5+0(null) = 9.
        Assert.Equal(9m / 16m, s.PutCallVolumeRatio);

        Assert.Equal(4, s.Expiries.Count);
        var dec4 = s.Expiries[0];
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero), dec4.Expiry);
        Assert.Equal(0.5m, dec4.PutCallOiRatio);
        Assert.Equal(0.5m, dec4.PutCallVolumeRatio);
        Assert.True(dec4.IsFriday);
        Assert.False(dec4.IsMonthly);

        var dec5 = s.Expiries[1];
        // Calls but no puts: put/call is 0, not null; volume has no calls traded: null, not infinity.
        Assert.Equal(0m, dec5.PutCallOiRatio);
        Assert.Null(dec5.PutCallVolumeRatio);

        var dec25 = s.Expiries[2];
        Assert.Equal(40m / 35m, dec25.PutCallOiRatio);
        Assert.Equal(4m / 6m, dec25.PutCallVolumeRatio);
        Assert.True(dec25.IsMonthly);
        Assert.True(dec25.IsQuarterly);

        var jan29 = s.Expiries[3];
        // Puts but no calls: undefined, null.
        Assert.Null(jan29.PutCallOiRatio);
        Assert.Null(jan29.PutCallVolumeRatio);
        Assert.True(jan29.IsMonthly);
        Assert.False(jan29.IsQuarterly);
    }

    [Fact]
    public void Compute_SmallChain_MaxPainOfNearestMonthlyByHand()
    {
        // 25 Dec, pain at each strike (holders' intrinsic value at settlement K):
        //  K=90k:  calls 0;                         puts 10·(100k−90k) = 100,000        → 100,000
        //  K=100k: calls 10·10k = 100,000;           puts 0                               → 100,000 (tie: lower strike wins)
        //  K=110k: calls 10·20k + 20·10k = 400,000;  puts 0                               → 400,000
        var s = OptionsSignals.Compute(Small(), Now, new OptionsSignalOptions(), [], OptionsMarketContext.None);

        Assert.Equal(new DateTimeOffset(2026, 12, 25, 8, 0, 0, TimeSpan.Zero), s.NearestMonthly!.Expiry);
        Assert.Equal(90_000m, s.MaxPain);
        Assert.Equal(90_000m, s.Expiries[2].MaxPain);
        // Underlying 100,000 (the index) is 11.11 % above max pain.
        Assert.Equal((100_000m - 90_000m) / 90_000m, s.MaxPainDistance);
    }

    [Fact]
    public void MaxPain_AsymmetricChain_PicksTheStrikeWithTheSmallestPayout()
    {
        // K=100: calls 0, puts 5·(120−100) = 100 → 100; K=110: calls 1·10 = 10, puts 5·10 = 50 → 60; K=120: calls 1·20 = 20 → 20.
        var options = new[] { O("BTC-25DEC26-100-C", 1m), O("BTC-25DEC26-120-P", 5m), O("BTC-25DEC26-110-C", 0m) };
        Assert.Equal(120m, OptionsSignals.MaxPain(options));
    }

    [Fact]
    public void Compute_SmallChain_BucketsAreNearestWeeklyMonthlyQuarterlyAndAll()
    {
        var s = OptionsSignals.Compute(Small(), Now, new OptionsSignalOptions(), [], OptionsMarketContext.None);

        var weekly = s.Bucket(OptionsBucket.NearestWeekly)!;
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero), weekly.Expiry);
        Assert.Equal(0.5m, weekly.PutCallOiRatio);
        Assert.Equal(new DateTimeOffset(2026, 12, 25, 8, 0, 0, TimeSpan.Zero), s.Bucket(OptionsBucket.NearestMonthly)!.Expiry);
        Assert.Equal(new DateTimeOffset(2026, 12, 25, 8, 0, 0, TimeSpan.Zero), s.Bucket(OptionsBucket.Quarterly)!.Expiry);
        var all = s.Bucket(OptionsBucket.All)!;
        Assert.Null(all.Expiry);
        Assert.Equal(s.PutCallOiRatio, all.PutCallOiRatio);
    }

    [Theory]
    [InlineData(2026, 12, 25, true)]   // last Friday of December
    [InlineData(2026, 12, 18, false)]  // a Friday, not the last
    [InlineData(2027, 1, 29, true)]
    [InlineData(2026, 10, 30, true)]
    [InlineData(2026, 10, 31, false)]  // Saturday, the last day of the month
    [InlineData(2025, 10, 31, true)]   // Friday and the last day of the month
    public void IsLastFriday_Calendar(int y, int m, int d, bool expected) =>
        Assert.Equal(expected, OptionsSignals.IsLastFriday(new DateOnly(y, m, d)));

    [Fact]
    public void Compute_NearestMonthly_SkipsEarlierFridaysAndExpiredMonthlies()
    {
        // Now is after the November monthly (27 Nov) expired; 11 Dec is a Friday but not the last one.
        var options = new[]
        {
            O("BTC-27NOV26-100000-C", 50m),
            O("BTC-11DEC26-100000-C", 5m), O("BTC-11DEC26-100000-P", 5m),
            O("BTC-25DEC26-100000-C", 5m), O("BTC-25DEC26-100000-P", 10m),
        };
        var s = OptionsSignals.Compute(Chain(100_000m, options), Now, new OptionsSignalOptions(), [], OptionsMarketContext.None);

        Assert.Equal(new DateTimeOffset(2026, 12, 11, 8, 0, 0, TimeSpan.Zero), s.Bucket(OptionsBucket.NearestWeekly)!.Expiry);
        Assert.Equal(new DateTimeOffset(2026, 12, 25, 8, 0, 0, TimeSpan.Zero), s.NearestMonthly!.Expiry);
        Assert.Equal(2m, s.Bucket(OptionsBucket.NearestMonthly)!.PutCallOiRatio);
        // The expired November line is not counted anywhere.
        Assert.Equal(10m, s.CallOi);
    }

    [Fact]
    public void AtmIv_InterpolatesBetweenTheStrikesAroundTheUnderlying()
    {
        // 100k strike: (0.48 + 0.52) / 2 = 0.50; 110k: 0.52. Underlying 100,500 is 5 % of the way → 0.50 + 0.02·0.05 = 0.501.
        var s = OptionsSignals.Compute(Small(), Now, new OptionsSignalOptions(), [], OptionsMarketContext.None);
        Assert.Equal(0.501m, s.Expiries[2].AtmIv);
        Assert.Equal(0.501m, s.AtmIv);
        // The all-null expiry has no ATM IV.
        Assert.Null(s.Expiries[3].AtmIv);
    }

    [Fact]
    public void Compute_EmptyChain_InsufficientDataWithNullRatios()
    {
        var s = OptionsSignals.Compute(Chain(100_000m), Now, new OptionsSignalOptions(), [], OptionsMarketContext.None);

        Assert.Equal(SignalStatus.InsufficientData, s.Status);
        Assert.Equal("options.no_chain", s.Reason.Code);
        Assert.Null(s.PutCallOiRatio);
        Assert.Null(s.PutCallVolumeRatio);
        Assert.Null(s.CallOiShare);
        Assert.Null(s.Reading);
        Assert.Null(s.MaxPain);
        Assert.Empty(s.Expiries);
    }

    [Fact]
    public void Compute_OnlyNullsAndZeros_NoOpenInterestNeverInfinity()
    {
        var s = OptionsSignals.Compute(Chain(null, O("BTC-25DEC26-100000-C", 0m), O("BTC-25DEC26-100000-P", 0m)), Now,
            new OptionsSignalOptions(), [], OptionsMarketContext.None);

        Assert.Equal(SignalStatus.InsufficientData, s.Status);
        Assert.Equal("options.no_open_interest", s.Reason.Code);
        Assert.Null(s.PutCallOiRatio);
        Assert.Null(s.UnderlyingPrice);
    }

    [Theory]
    [InlineData(6, 10, OptionsReading.CallHeavy, "options.call_heavy")]     // 0.6 < 0.7
    [InlineData(7, 10, OptionsReading.Balanced, "options.balanced")]         // 0.7 is not below 0.7
    [InlineData(10, 10, OptionsReading.Balanced, "options.balanced")]        // 1.0 is not above 1.0
    [InlineData(12, 10, OptionsReading.PutHeavy, "options.put_heavy")]
    [InlineData(5, 0, OptionsReading.PutHeavy, "options.put_heavy_no_calls")]
    [InlineData(0, 10, OptionsReading.CallHeavy, "options.call_heavy")]      // calls but no puts: ratio 0
    public void Compute_Readings_DecidedOnTheOpenInterestRatio(int puts, int calls, OptionsReading reading, string code)
    {
        var s = OptionsSignals.Compute(Chain(100_000m, O("BTC-25DEC26-100000-C", calls), O("BTC-25DEC26-100000-P", puts)), Now,
            new OptionsSignalOptions(), [], OptionsMarketContext.None);

        Assert.Equal(reading, s.Reading);
        Assert.Equal(code, s.Reason.Code);
    }

    private static OptionsHistoryPoint Point(TimeSpan ago, decimal pcr, decimal? iv = null) => new(Now - ago, pcr, null, 1m / (1m + pcr), iv, 100_000m);

    [Fact]
    public void Compute_PutCallRisingWhileLongsCrowd_FlagsHedging()
    {
        // 0.60 a day ago, 0.70 now (+0.10 ≥ 0.05) with a long/short account ratio of 1.6 (≥ 1.5).
        var chain = Chain(100_000m, O("BTC-25DEC26-100000-C", 10m), O("BTC-25DEC26-100000-P", 7m));
        var s = OptionsSignals.Compute(chain, Now, new OptionsSignalOptions(), [Point(TimeSpan.FromHours(24), 0.60m)], new OptionsMarketContext(1.6m, 0.0001m));

        Assert.True(s.HedgingWhileLongsCrowd);
        Assert.Equal(0.7m - 0.6m, s.PutCallChange);
        Assert.Contains(s.Flags, f => f.Code == "options.hedging_longs_crowd");
    }

    [Theory]
    [InlineData(0.60, 1.4)]   // rising, but longs are not crowded
    [InlineData(0.68, 1.6)]   // crowded, but only +0.02
    public void Compute_HedgingNeedsBothConditions(double before, double longShort)
    {
        var chain = Chain(100_000m, O("BTC-25DEC26-100000-C", 10m), O("BTC-25DEC26-100000-P", 7m));
        var s = OptionsSignals.Compute(chain, Now, new OptionsSignalOptions(), [Point(TimeSpan.FromHours(24), (decimal)before)], new OptionsMarketContext((decimal)longShort, null));

        Assert.False(s.HedgingWhileLongsCrowd);
        Assert.Empty(s.Flags);
    }

    [Fact]
    public void Compute_NoHistoryAtWindowStart_ChangeUnknownAndNoHedgingFlag()
    {
        // The only stored point is 3 days old: too far from "24 h ago" to stand in for it.
        var chain = Chain(100_000m, O("BTC-25DEC26-100000-C", 10m), O("BTC-25DEC26-100000-P", 7m));
        var s = OptionsSignals.Compute(chain, Now, new OptionsSignalOptions(), [Point(TimeSpan.FromDays(3), 0.3m)], new OptionsMarketContext(2m, null));

        Assert.Null(s.PutCallChange);
        Assert.False(s.HedgingWhileLongsCrowd);
    }

    [Theory]
    [InlineData(65, 35, -0.0001, true)]    // 65 % calls, negative funding
    [InlineData(65, 35, 0.0001, false)]    // positive funding
    [InlineData(64, 36, -0.0001, false)]   // 64 % calls
    public void Compute_CallsVsFundingConflict(int calls, int puts, double fundingPer8h, bool expected)
    {
        var chain = Chain(100_000m, O("BTC-25DEC26-100000-C", calls), O("BTC-25DEC26-100000-P", puts));
        var s = OptionsSignals.Compute(chain, Now, new OptionsSignalOptions(), [], new OptionsMarketContext(null, (decimal)fundingPer8h));

        Assert.Equal(expected, s.CallsVsFundingConflict);
        Assert.Equal(expected, s.Flags.Any(f => f.Code == "options.calls_vs_funding"));
    }

    [Fact]
    public void Compute_PercentileAgainstOwnHistory_NeedsMinimumSamples()
    {
        var chain = Chain(100_000m, O("BTC-25DEC26-100000-C", 10m), O("BTC-25DEC26-100000-P", 7m));
        var history = Enumerable.Range(1, 30).Select(h => Point(TimeSpan.FromHours(h), h <= 15 ? 0.5m : 0.9m)).ToList();

        var s = OptionsSignals.Compute(chain, Now, new OptionsSignalOptions(), history, OptionsMarketContext.None);
        // 15 of 30 stored readings are below 0.7, none equal.
        Assert.Equal(0.5, s.PutCallPercentile!.Percentile);
        Assert.Equal(30, s.PutCallPercentile.SampleCount);

        var few = OptionsSignals.Compute(chain, Now, new OptionsSignalOptions(), history.Take(10).ToList(), OptionsMarketContext.None);
        Assert.Null(few.PutCallPercentile);
    }

    [Fact]
    public void Compute_AtmIvChange_AgainstTheStoredValueAWindowAgo()
    {
        var s = OptionsSignals.Compute(Small(), Now, new OptionsSignalOptions(), [Point(TimeSpan.FromHours(25), 0.9m, 0.45m)], OptionsMarketContext.None);
        Assert.Equal(0.501m - 0.45m, s.AtmIvChange);
    }

    [Fact]
    public void Ratio_ZeroDenominator_IsNullNeverInfinityOrZero()
    {
        Assert.Null(OptionsSignals.Ratio(5m, 0m));
        Assert.Null(OptionsSignals.Ratio(0m, 0m));
        Assert.Equal(0m, OptionsSignals.Ratio(0m, 5m));
    }

    [Fact]
    public void Validate_OptionsThresholdsOutOfOrder_NamesTheKeys()
    {
        var options = new SignalOptions();
        options.Options.CallHeavyBelow = 1.2m;
        var errors = options.Validate();
        Assert.Contains(errors, e => e.Contains("Signals:Options:CallHeavyBelow", StringComparison.Ordinal) && e.Contains("Signals:Options:PutHeavyAbove", StringComparison.Ordinal));
    }
}
