using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Core.Tests.Markets;

public sealed class VenueMathTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);

    private static VenueInstrumentStat Stat(string venue, decimal? rate, int hours, decimal coins, decimal mark = 100m, decimal? volume = null) =>
        new(venue, venue.ToUpperInvariant() + "-BTC", "BTC", mark, rate, hours, null, coins, coins * mark, volume, Now);

    private static OpenInterestPoint P(double hoursAgo, decimal coins) => new(Now.AddHours(-hoursAgo), coins, 0m);

    // rate, interval, 8h-equivalent, annualized — every value worked out by hand.
    public static TheoryData<decimal, int, decimal, decimal> Normalisation => new()
    {
        { 0.0001m, 8, 0.0001m, 0.1095m },         // 3 settlements a day × 365
        { 0.0001m, 4, 0.0002m, 0.219m },          // 6 a day
        { 0.00002m, 1, 0.00016m, 0.1752m },       // Hyperliquid hourly: ×8, 24 a day
        { -0.00005m, 2, -0.0002m, -0.219m },      // 12 a day
        { 0m, 8, 0m, 0m },
    };

    [Theory]
    [MemberData(nameof(Normalisation))]
    public void EightHourAndAnnualized_OwnInterval_ScaledExactly(decimal rate, int hours, decimal eight, decimal annual)
    {
        Assert.Equal(eight, VenueMath.EightHour(rate, hours));
        Assert.Equal(annual, VenueMath.Annualized(rate, hours));
    }

    [Fact]
    public void Compare_ThreeVenuesWithOneHourAndFourHourListings_HandComputedAggregate()
    {
        // binance 8h +0.01 %, 100 BTC; hyperliquid 1h +0.002 % (= +0.016 %/8h), 50 BTC; bybit 4h -0.005 % (= -0.01 %/8h), 50 BTC.
        var inputs = new List<VenueInput>
        {
            new(Stat("binance", 0.0001m, 8, 100m, volume: 20_000m), false, []),
            new(Stat("hyperliquid", 0.00002m, 1, 50m), false, []),
            new(Stat("bybit", -0.00005m, 4, 50m), false, []),
        };

        var c = VenueMath.Compare("BTC", inputs, Now);

        Assert.Equal(["binance", "bybit", "hyperliquid"], c.Rows.Select(r => r.Stat.Venue));
        var binance = c.Rows[0];
        Assert.Equal(0.0001m, binance.EightHourRate);
        Assert.Equal(0.1095m, binance.AnnualizedRate);
        Assert.Equal(0.5m, binance.OiShare);
        Assert.Equal(0.5m, binance.OiToVolume);
        var hl = c.Rows.Single(r => r.Stat.Venue == "hyperliquid");
        Assert.Equal(0.00016m, hl.EightHourRate);
        Assert.Equal(0.1752m, hl.AnnualizedRate);
        Assert.Equal(0.25m, hl.OiShare);
        Assert.Null(hl.OiToVolume);
        var bybit = c.Rows.Single(r => r.Stat.Venue == "bybit");
        Assert.Equal(-0.0001m, bybit.EightHourRate);
        Assert.Equal(-0.1095m, bybit.AnnualizedRate);

        var a = c.Aggregate;
        Assert.Equal(200m, a.OpenInterestCoins);
        Assert.Equal(20_000m, a.OpenInterestUsd);
        // (0.0001 × 10,000 + 0.00016 × 5,000 − 0.0001 × 5,000) / 20,000
        Assert.Equal(0.000065m, a.OiWeightedEightHourRate);
        Assert.Equal(0.071175m, a.OiWeightedAnnualizedRate);
        Assert.Equal(0.00026m, a.FundingSpreadEightHour);
        Assert.True(a.SignsDisagree);
        Assert.Equal(3, a.Venues);
        Assert.Null(a.Change1h);
        Assert.Null(a.Change4h);
        Assert.Null(a.Change24h);
    }

    [Fact]
    public void Compare_StaleRowAndMissingRate_LeftOutOfTheAggregate()
    {
        var inputs = new List<VenueInput>
        {
            new(Stat("binance", 0.0001m, 8, 100m), false, []),
            new(Stat("okx", 0.0003m, 8, 300m), true, []),
            new(Stat("gate", null, 8, 100m), false, []),
        };

        var c = VenueMath.Compare("BTC", inputs, Now);

        Assert.Equal(200m, c.Aggregate.OpenInterestCoins);
        Assert.Equal(0.0001m, c.Aggregate.OiWeightedEightHourRate);
        Assert.Null(c.Aggregate.FundingSpreadEightHour); // one rate is not a spread
        Assert.False(c.Aggregate.SignsDisagree);
        var okx = c.Rows[^1];
        Assert.True(okx.Stale);
        Assert.Null(okx.OiShare);
        var gate = c.Rows.Single(r => r.Stat.Venue == "gate");
        Assert.Null(gate.EightHourRate);
        Assert.Equal(0.5m, gate.OiShare);
    }

    public static TheoryData<string, decimal?> SummedChanges => new()
    {
        // A: 90 → 100, B: 40 → 50 over the hour, C without history: (150 − 130) / 130.
        { "both cover", 20m / 130m },
        // B flat: the sum moves (150 − 140) / 140, not A's +11.1 %.
        { "one flat", 10m / 140m },
        // Only B (25 % of the OI) covers the hour: too little to speak for the market.
        { "minority", null },
        // A's oldest point is 90 min old: outside the 20-minute tolerance of the hour's start, so only B → null.
        { "too old", null },
        { "nobody", null },
    };

    [Theory]
    [MemberData(nameof(SummedChanges))]
    public void SummedChange_OneHour_OnlyVenuesWithHistoryOverTheWindow(string caseName, decimal? expected)
    {
        IReadOnlyList<OpenInterestPoint> a = caseName switch
        {
            "both cover" or "one flat" => [P(1, 90m), P(0.5, 95m), P(0, 100m)],
            "too old" => [P(1.5, 90m), P(0, 100m)],
            _ => [P(0, 100m)],
        };
        IReadOnlyList<OpenInterestPoint> b = caseName switch
        {
            "one flat" => [P(1, 50m), P(0, 50m)],
            "nobody" => [P(0, 50m)],
            _ => [P(1, 40m), P(0, 50m)],
        };
        IReadOnlyList<OpenInterestPoint> c = [P(0, 50m)];
        var venues = new List<VenueMath.VenueHistory> { new(10_000m, a), new(5_000m, b), new(5_000m, c) };

        Assert.Equal(expected, VenueMath.SummedChange(venues, TimeSpan.FromHours(1), Now, 20_000m));
    }

    [Fact]
    public void Compare_HistoryOverFourHoursOnlyOnMajority_ChangeFromTheirSum()
    {
        IReadOnlyList<OpenInterestPoint> binance = [P(24, 80m), P(4, 110m), P(1, 105m), P(0, 100m)];
        var inputs = new List<VenueInput>
        {
            new(Stat("binance", 0.0001m, 8, 100m), false, binance),
            new(Stat("hyperliquid", 0.00001m, 1, 60m), false, [P(1, 50m), P(0, 60m)]),
        };

        var a = VenueMath.Compare("BTC", inputs, Now).Aggregate;

        Assert.Equal(5m / 155m, a.Change1h);           // (100 + 60 − 105 − 50) / 155: both cover the hour
        Assert.Equal(-10m / 110m, a.Change4h);         // only binance (62.5 % of the OI) covers 4 h
        Assert.Equal(20m / 80m, a.Change24h);
    }

    [Fact]
    public void SummedChange_StartBetweenPublishedPoints_Interpolated()
    {
        // History 30 min apart: 70 at 75 min ago, 100 at 45 min ago → 85 an hour ago (halfway); now 110.
        IReadOnlyList<OpenInterestPoint> a = [P(1.25, 70m), P(0.75, 100m), P(0, 110m)];

        var change = VenueMath.SummedChange([new(1m, a)], TimeSpan.FromHours(1), Now, 1m);

        Assert.Equal(25m / 85m, change);
    }

    [Fact]
    public void SummedSeries_TwoVenues_InterpolatedSumOnlyWhereBothCover()
    {
        IReadOnlyList<OpenInterestPoint> a = [new(Now.AddHours(-2), 100m, 1_000m), new(Now.AddHours(-1), 120m, 1_200m), new(Now, 140m, 1_400m)];
        IReadOnlyList<OpenInterestPoint> b = [new(Now.AddHours(-1), 50m, 500m), new(Now, 40m, 400m)];
        DateTimeOffset[] times = [Now.AddHours(-2), Now.AddMinutes(-90), Now.AddMinutes(-30), Now, Now.AddHours(1)];

        var sum = VenueMath.SummedSeries([a, b], times, TimeSpan.FromMinutes(20));

        // -2 h and -90 min: B has no history yet; +1 h: past both venues' last points by more than the tolerance.
        Assert.Equal([Now.AddMinutes(-30), Now], sum.Select(p => p.Time));
        Assert.Equal(130m + 45m, sum[0].Contracts);
        Assert.Equal(1_300m + 450m, sum[0].ValueUsd);
        Assert.Equal(180m, sum[1].Contracts);
    }

    [Fact]
    public void WeightedRateAndSpread_NoEntries_Null()
    {
        Assert.Null(VenueMath.WeightedRate([]));
        Assert.Null(VenueMath.WeightedRate([(0.001m, 0m)]));
        Assert.Null(VenueMath.Spread([0.001m]));
        Assert.Equal(0.002m, VenueMath.Spread([0.001m, -0.001m, 0m]));
    }
}
