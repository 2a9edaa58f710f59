using System.Diagnostics;
using DerivBot.Application.Venues;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;

namespace DerivBot.Application.Tests.Venues;

public sealed class VenueAggregatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<VenueErrorKind> FailureKinds()
    {
        var data = new TheoryData<VenueErrorKind>();
        foreach (var kind in Enum.GetValues<VenueErrorKind>().Where(k => k != VenueErrorKind.InvalidSymbol))
        {
            data.Add(kind);
        }
        return data;
    }

    [Fact]
    public async Task GetAsync_FiveVenues_SharesWeightedFundingAndTotals()
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock);

        var s = await VenueTestKit.Aggregator(venues, clock).GetAsync("btcusdt", CancellationToken.None);

        Assert.Equal("BTC", s.Asset);
        Assert.Empty(s.Missing);
        Assert.Equal(5, s.Comparison.Rows.Count);
        Assert.Equal(200_000m, s.Comparison.Aggregate.OpenInterestCoins);
        var usd = 80_000m * 120_000m + 50_000m * 120_010m + 30_000m * 119_990m + 25_000m * 120_020m + 15_000m * 120_000m;
        Assert.Equal(usd, s.Comparison.Aggregate.OpenInterestUsd);
        var weighted = (0.0001m * 80_000m * 120_000m + 0.00008m * 50_000m * 120_010m + -0.00002m * 30_000m * 119_990m
            + 0.00012m * 25_000m * 120_020m + 0.00012m * 15_000m * 120_000m) / usd;
        Assert.Equal(weighted, s.Comparison.Aggregate.OiWeightedEightHourRate);
        Assert.Equal(0.00014m, s.Comparison.Aggregate.FundingSpreadEightHour); // +0.012 % (HL, Gate) − (−0.002 %)
        Assert.True(s.Comparison.Aggregate.SignsDisagree);
        Assert.Equal(80_000m * 120_000m / usd, s.Comparison.Rows[0].OiShare);
        Assert.All(venues, v => Assert.Equal(1, v.StatsCalls));
    }

    [Fact]
    public async Task GetAsync_ManyQuestionsAtOnce_OneRoundOfVenueCalls()
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock);
        var aggregator = VenueTestKit.Aggregator(venues, clock);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => aggregator.GetAsync("BTC", CancellationToken.None)));

        Assert.All(answers, a => Assert.Equal(5, a.Comparison.Rows.Count));
        Assert.All(venues, v => Assert.Equal(1, v.StatsCalls));
        clock.Advance(VenueAggregator.ReuseFor);
        await aggregator.GetAsync("BTC", CancellationToken.None);
        Assert.All(venues, v => Assert.Equal(2, v.StatsCalls));
    }

    [Theory]
    [MemberData(nameof(FailureKinds))]
    public async Task GetAsync_OneVenueFails_OthersAnswerAndItIsNamedMissing(VenueErrorKind kind)
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock);
        venues[2].FailWith(kind, retryAfter: TimeSpan.FromMinutes(2));

        var s = await VenueTestKit.Aggregator(venues, clock).GetAsync("BTC", CancellationToken.None);

        var missing = Assert.Single(s.Missing);
        Assert.Equal(VenueIds.Okx, missing.Venue);
        Assert.Equal(kind, missing.Kind);
        Assert.Equal(4, s.Comparison.Aggregate.Venues);
        Assert.DoesNotContain(s.Comparison.Rows, r => r.Stat.Venue == VenueIds.Okx);
        Assert.Equal(170_000m, s.Comparison.Aggregate.OpenInterestCoins);
    }

    [Fact]
    public async Task GetAsync_OneVenueHangs_AnswersAfterTheRequestTimeoutWithItMissing()
    {
        // The real clock: the hang only ends because the aggregation's own deadline passes.
        var venues = VenueFixtures.FiveVenues(TimeProvider.System);
        venues[3].Hang();
        var aggregator = VenueTestKit.Aggregator(venues, TimeProvider.System, TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var s = await aggregator.GetAsync("BTC", CancellationToken.None).WaitAsync(TestTimeouts.Network);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {watch.Elapsed}, before the deadline");
        var missing = Assert.Single(s.Missing);
        Assert.Equal(VenueIds.Hyperliquid, missing.Venue);
        Assert.Equal(VenueErrorKind.Timeout, missing.Kind);
        Assert.Equal(4, s.Comparison.Aggregate.Venues);
    }

    [Fact]
    public async Task GetAsync_VenueThrowsSomethingElse_OnlyThatVenueMissing()
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock).Cast<IVenueOverview>().Append(new ThrowingVenue()).ToList();

        var s = await VenueTestKit.Aggregator(venues, clock).GetAsync("BTC", CancellationToken.None);

        Assert.Equal(VenueIds.Aster, Assert.Single(s.Missing).Venue);
        Assert.Equal(VenueErrorKind.BadResponse, s.Missing[0].Kind);
        Assert.Equal(5, s.Comparison.Aggregate.Venues);
    }

    [Fact]
    public async Task GetAsync_VenueDoesNotListTheAsset_AbsentNotMissing()
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock);
        venues[4].Delist("BTC");
        venues[1].FailWith(VenueErrorKind.InvalidSymbol);

        var s = await VenueTestKit.Aggregator(venues, clock).GetAsync("BTC", CancellationToken.None);

        Assert.Empty(s.Missing);
        Assert.Equal(3, s.Comparison.Rows.Count);
    }

    [Fact]
    public async Task GetAsync_VenueFailsAfterAnswering_StaleRowOutsideTheAggregateThenDropped()
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock);
        var aggregator = VenueTestKit.Aggregator(venues, clock);
        await aggregator.GetAsync("BTC", CancellationToken.None);

        venues[0].FailWith(VenueErrorKind.RegionBlocked);
        clock.Advance(TimeSpan.FromMinutes(5));
        var s = await aggregator.GetAsync("BTC", CancellationToken.None);

        var stale = Assert.Single(s.Comparison.Rows, r => r.Stale);
        Assert.Equal(VenueIds.Binance, stale.Stat.Venue);
        Assert.Equal(Now, stale.Stat.Time);
        Assert.Null(stale.OiShare);
        Assert.Equal(120_000m, s.Comparison.Aggregate.OpenInterestCoins);
        Assert.Equal(VenueErrorKind.RegionBlocked, Assert.Single(s.Missing).Kind);

        clock.Advance(VenueAggregator.StaleRowMaxAge);
        var later = await aggregator.GetAsync("BTC", CancellationToken.None);
        Assert.DoesNotContain(later.Comparison.Rows, r => r.Stale);
        Assert.Single(later.Missing);
    }

    [Fact]
    public async Task RefreshAsync_PublishedHistoryOnTwoVenues_BackfilledOnceAndChangeFromTheirSum()
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock);
        venues[0].WithHistory("BTC", [new(Now.AddHours(-1), 76_000m, 0m), new(Now.AddMinutes(-30), 78_000m, 0m)]);
        venues[1].WithHistory("BTC", [new(Now.AddHours(-1), 50_000m, 0m)]);
        var aggregator = VenueTestKit.Aggregator(venues, clock);

        var first = (await aggregator.RefreshAsync(["BTCUSDT"], CancellationToken.None))["BTC"];
        clock.Advance(TimeSpan.FromMinutes(1));
        await aggregator.RefreshAsync(["BTC"], CancellationToken.None);

        // Binance + Bybit (65 % of the OI) cover the hour: (80,000 + 50,000 − 76,000 − 50,000) / 126,000.
        Assert.Equal(4_000m / 126_000m, first.Comparison.Aggregate.Change1h);
        Assert.Null(first.Comparison.Aggregate.Change4h);
        Assert.Null(first.Comparison.Aggregate.Change24h);
        Assert.All(venues, v => Assert.Equal(1, v.HistoryCalls));
        Assert.All(venues, v => Assert.Equal(2, v.StatsCalls));
    }

    [Fact]
    public async Task RefreshAsync_NoPublishedHistory_OwnSamplesGiveTheChangeAfterAnHour()
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock);
        var aggregator = VenueTestKit.Aggregator(venues, clock);
        var first = (await aggregator.RefreshAsync(["BTC"], CancellationToken.None))["BTC"];
        Assert.Null(first.Comparison.Aggregate.Change1h);

        clock.Advance(TimeSpan.FromHours(1));
        venues[0].List("BTC", 120_000m, 0.0001m, 8, 100_000m); // +20,000 BTC on Binance only
        var later = (await aggregator.RefreshAsync(["BTC"], CancellationToken.None))["BTC"];

        Assert.Equal(20_000m / 200_000m, later.Comparison.Aggregate.Change1h);
        Assert.Same(later, aggregator.Cached("btc"));
    }

    [Fact]
    public async Task Refresher_WatchedSymbols_OneBulkCallPerVenueForTheirCoins()
    {
        var clock = new ManualTimeProvider(Now);
        var venues = VenueFixtures.FiveVenues(clock);
        var recorder = new RecordingVenue();
        var aggregator = VenueTestKit.Aggregator([.. venues, recorder], clock);
        var refresher = new VenueOverviewRefresher(aggregator);

        refresher.Watch([new Symbol("BTCUSDT"), new Symbol("1000PEPEUSDT"), new Symbol("ETHUSDT")]);
        await refresher.RefreshAsync(CancellationToken.None);

        Assert.All(venues, v => Assert.Equal(1, v.StatsCalls));
        Assert.Equal(["BTC", "ETH", "PEPE"], Assert.Single(recorder.Asked).Order(StringComparer.Ordinal));
        Assert.NotNull(aggregator.Cached("PEPE"));
    }

    [Fact]
    public async Task GetAsync_VenueSendsUnusableRows_RowsDroppedOthersAnswer()
    {
        var clock = new ManualTimeProvider(Now);
        var garbage = new GarbageVenue(
        [
            new("aster", "BTCUSDT", " ", 1m, 0.0001m, 8, null, 1m, 1m, null, Now),
            new("aster", "BTCUSDT", "BTC", 0m, 0.0001m, 8, null, 1m, 1m, null, Now),
            new("aster", "BTCUSDT", "BTC", 120_000m, 0.0001m, 0, null, 1m, 1m, null, Now),
        ]);
        var venues = VenueFixtures.FiveVenues(clock).Cast<IVenueOverview>().Append(garbage).ToList();

        var s = await VenueTestKit.Aggregator(venues, clock).GetAsync("BTC", CancellationToken.None);

        Assert.Equal(5, s.Comparison.Rows.Count);
        Assert.DoesNotContain(s.Comparison.Rows, r => r.Stat.Venue == VenueIds.Aster);
    }

    private sealed class GarbageVenue(IReadOnlyList<VenueInstrumentStat> rows) : IVenueOverview
    {
        public string Name => VenueIds.Aster;

        public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken) =>
            Task.FromResult(rows);

        public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OpenInterestPoint>>([]);
    }

    /// <summary>An adapter with a bug: throws something other than a VenueException.</summary>
    private sealed class ThrowingVenue : IVenueOverview
    {
        public string Name => VenueIds.Aster;

        public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("bug");

        public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyList<OpenInterestPoint>>(new FormatException("bug"));
    }

    private sealed class RecordingVenue : IVenueOverview
    {
        public List<string[]> Asked { get; } = [];

        public string Name => VenueIds.Aster;

        public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
        {
            Asked.Add([.. assets]);
            return Task.FromResult<IReadOnlyList<VenueInstrumentStat>>([]);
        }

        public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OpenInterestPoint>>([]);
    }
}
