using DerivBot.Application.Market;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Tests.Market;

public sealed class MarketStoreTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Symbol Eth = new("ETHUSDT");
    private static readonly Symbol Pepe = new("1000PEPEUSDT");
    private static readonly DateTimeOffset Start = new(2025, 10, 10, 12, 0, 30, TimeSpan.Zero);

    private static MarketStore Store(IMarketDataVenue venue, TimeProvider time, Action<MarketOptions>? configure = null, params ILiquidationListener[] listeners)
    {
        var options = new MarketOptions { TopN = 0, HistoryDepth = TimeSpan.FromDays(7) };
        configure?.Invoke(options);
        return new MarketStore(venue, Options.Create(options), time, listeners, NullLogger<MarketStore>.Instance);
    }

    [Fact]
    public async Task GetSnapshotAsync_FirstRead_BackfillsConfiguredHistoryOldestFirst()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT", "ETHUSDT");
        using var store = Store(venue, time);

        var snapshot = await store.GetSnapshotAsync(Btc, CancellationToken.None);

        // 7 days of 5-minute points after 12:00:30 seven days ago: 12:05 … 12:00 = 2016 points.
        Assert.Equal(2016, snapshot.OpenInterest.Count - 1);
        Assert.Equal(Start, snapshot.OpenInterest[^1].Time);
        Assert.Equal(1234.567m * snapshot.Premium!.Value.MarkPrice, snapshot.OpenInterest[^1].ValueUsd);
        Assert.Equal(2016, snapshot.GlobalAccountRatio.Count);
        Assert.Equal(2016, snapshot.TopAccountRatio.Count);
        Assert.Equal(2016, snapshot.TopPositionRatio.Count);
        Assert.Equal(2016, snapshot.TakerVolume.Count);
        Assert.Equal(2016, snapshot.Klines.Count);
        Assert.Equal(90, snapshot.FundingHistory.Count);
        Assert.True(snapshot.Klines.Zip(snapshot.Klines.Skip(1)).All(p => p.First.OpenTime < p.Second.OpenTime));
        Assert.True(snapshot.OpenInterest.Zip(snapshot.OpenInterest.Skip(1)).All(p => p.First.Time < p.Second.Time));
        // Values survive the compact encoding exactly.
        var k = snapshot.Klines[100];
        var p = CountingVenue.PriceAt(Btc, k.OpenTime);
        Assert.Equal(new Kline(k.OpenTime, p, p + 1m, p - 1m, p + 0.5m, 10.5m, k.OpenTime.AddMinutes(5).AddMilliseconds(-1), 10.5m * p, 42, 5.25m, 5.25m * p), k);
        Assert.Equal(new RatioPoint(snapshot.GlobalAccountRatio[0].Time, 1.8105m, 0.6442m, 0.3558m), snapshot.GlobalAccountRatio[0]);
        Assert.Equal(4, snapshot.FundingIntervalHours); // the fake lists BTCUSDT in fundingInfo with 4 h
        Assert.NotNull(snapshot.FuturesTicker);
        Assert.NotNull(snapshot.SpotTicker);
        Assert.False(snapshot.RefreshFailed);
        Assert.False(snapshot.IsStale(time.GetUtcNow()));
        Assert.Equal("fake", snapshot.Venue);
    }

    [Fact]
    public async Task GetSnapshotAsync_MultiplierSymbol_FindsSpotPairAndMultiplier()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT", "1000PEPEUSDT");
        using var store = Store(venue, time);

        var snapshot = await store.GetSnapshotAsync(Pepe, CancellationToken.None);

        Assert.Equal(1000m, snapshot.SpotMultiplier);
        Assert.Equal(new Symbol("PEPEUSDT"), snapshot.SpotTicker!.Symbol);
        Assert.Equal(8, snapshot.FundingIntervalHours);
    }

    [Fact]
    public async Task GetSnapshotAsync_ConcurrentFirstReads_LoadOnce()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT");
        using var store = Store(venue, time);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => store.GetSnapshotAsync(Btc, CancellationToken.None)));

        Assert.Equal(5, venue.Calls("openInterestHist")); // 2017 points in pages of 500
        Assert.Equal(1, venue.Calls("exchangeInfo"));
        Assert.Equal(1, venue.Calls("openInterest"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    public async Task RefreshAsync_ManyWatchersAndReaders_CostsTheSameAsOne(int watchers)
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT", "ETHUSDT", "SOLUSDT");
        // Short history keeps 20,000 snapshot reads cheap; the call pattern does not depend on depth.
        using var store = Store(venue, time, o => o.HistoryDepth = TimeSpan.FromHours(2));
        for (var i = 0; i < watchers; i++)
        {
            store.Watch(Btc);
            store.Watch(Eth);
        }
        await store.RefreshAsync(CancellationToken.None); // loads both
        for (var i = 0; i < watchers; i++)
        {
            await store.GetSnapshotAsync(Btc, CancellationToken.None);
            await store.GetSnapshotAsync(Eth, CancellationToken.None);
        }
        venue.ResetCounts();

        // Cross a 5-minute boundary so every periodic series is due.
        time.Advance(TimeSpan.FromMinutes(5));
        var report = await store.RefreshAsync(CancellationToken.None);

        // 3 bulk calls (premiumIndex, futures + spot tickers) + per symbol: live OI, OI history, 3 ratios, taker, klines.
        Assert.Equal(3, report.BulkCalls);
        Assert.Equal(2 * 7, report.PerSymbolCalls);
        Assert.Equal(17, venue.TotalCalls);
        Assert.Equal([Btc, Eth], report.Refreshed);
        Assert.Equal(0, venue.Calls("fundingRate")); // only on an hour boundary

        // Within the same 5-minute period only the live values are re-read.
        venue.ResetCounts();
        time.Advance(TimeSpan.FromMinutes(1));
        var quiet = await store.RefreshAsync(CancellationToken.None);
        Assert.Equal(3 + 2, venue.TotalCalls);
        Assert.Equal(5, quiet.Calls.Count);
    }

    [Fact]
    public async Task RefreshAsync_TopN_LoadsLargestSymbolsWithoutWatchers()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT", "ETHUSDT", "SOLUSDT");
        using var store = Store(venue, time, o => o.TopN = 2);

        var report = await store.RefreshAsync(CancellationToken.None);

        Assert.Equal([Btc, Eth], report.Loaded);
        Assert.DoesNotContain(new Symbol("SOLUSDT"), store.LoadedSymbols);
    }

    [Fact]
    public async Task RefreshAsync_AfterManyCycles_RingsStayBounded()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT");
        using var store = Store(venue, time, o => o.HistoryDepth = TimeSpan.FromHours(2));
        store.Watch(Btc);
        await store.RefreshAsync(CancellationToken.None);
        var bytesAfterLoad = store.SeriesBytes;

        for (var i = 0; i < 12 * 10; i++) // ten hours of 5-minute cycles
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await store.RefreshAsync(CancellationToken.None);
        }
        var snapshot = await store.GetSnapshotAsync(Btc, CancellationToken.None);

        Assert.Equal(25, snapshot.Klines.Count); // 2 h / 5 min + 1
        Assert.Equal(25, snapshot.GlobalAccountRatio.Count);
        Assert.Equal(time.GetUtcNow().AddSeconds(-30), snapshot.Klines[^1].OpenTime);
        Assert.Equal(snapshot.Klines[^1].OpenTime.AddHours(-2), snapshot.Klines[0].OpenTime);
        Assert.True(store.SeriesBytes <= bytesAfterLoad * 2, $"{store.SeriesBytes} bytes after cycles vs {bytesAfterLoad} after load");
    }

    [Fact]
    public async Task RefreshAsync_VenueFails_KeepsLastGoodDataMarkedFailedAndStale()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT");
        using var store = Store(venue, time);
        store.Watch(Btc);
        await store.RefreshAsync(CancellationToken.None);
        var good = await store.GetSnapshotAsync(Btc, CancellationToken.None);

        venue.FailWith = new VenueException("fake", VenueErrorKind.Unreachable, "connection refused");
        time.Advance(TimeSpan.FromMinutes(1));
        var report = await store.RefreshAsync(CancellationToken.None);
        var after = await store.GetSnapshotAsync(Btc, CancellationToken.None);

        Assert.Single(report.Failures);
        Assert.Equal(VenueErrorKind.Unreachable, report.Failures[0].Kind);
        Assert.True(after.RefreshFailed);
        Assert.True(after.IsStale(time.GetUtcNow()));
        Assert.Equal(good.Klines, after.Klines);
        Assert.Equal(good.OpenInterest, after.OpenInterest);

        venue.FailWith = null;
        time.Advance(TimeSpan.FromMinutes(1));
        await store.RefreshAsync(CancellationToken.None);
        var recovered = await store.GetSnapshotAsync(Btc, CancellationToken.None);
        Assert.False(recovered.RefreshFailed);
        Assert.False(recovered.IsStale(time.GetUtcNow()));
    }

    [Fact]
    public async Task RefreshAsync_OneSymbolFails_OthersStillRefresh()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT", "ETHUSDT");
        using var store = Store(venue, time);
        store.Watch(Btc);
        store.Watch(new Symbol("NOPEUSDT"));

        var report = await store.RefreshAsync(CancellationToken.None);

        Assert.Equal([Btc], report.Loaded);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(new Symbol("NOPEUSDT"), failure.Symbol);
        Assert.Equal(VenueErrorKind.InvalidSymbol, failure.Kind);
    }

    [Fact]
    public async Task GetSnapshotAsync_NeverLoadedAndVenueFails_PropagatesVenueException()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT")
        {
            FailWith = new VenueException("fake", VenueErrorKind.ServerError, "502 from venue") { HttpStatus = 502 },
        };
        using var store = Store(venue, time);

        var ex = await Assert.ThrowsAsync<VenueException>(() => store.GetSnapshotAsync(Btc, CancellationToken.None));

        Assert.Equal(VenueErrorKind.ServerError, ex.Kind);
        // The failure is not cached: the next read tries again and succeeds.
        venue.FailWith = null;
        var snapshot = await store.GetSnapshotAsync(Btc, CancellationToken.None);
        Assert.NotEmpty(snapshot.Klines);
    }

    [Fact]
    public async Task GetSnapshotAsync_UnknownSymbol_ThrowsInvalidSymbol()
    {
        var time = new ManualTimeProvider(Start);
        using var store = Store(new CountingVenue(time, "BTCUSDT"), time);

        var ex = await Assert.ThrowsAsync<VenueException>(() => store.GetSnapshotAsync(new Symbol("NOPEUSDT"), CancellationToken.None));

        Assert.Equal(VenueErrorKind.InvalidSymbol, ex.Kind);
    }

    [Fact]
    public async Task RefreshAsync_RetryAfter_NoCallsUntilItPasses()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT");
        using var store = Store(venue, time);
        store.Watch(Btc);
        await store.RefreshAsync(CancellationToken.None);
        venue.FailWith = new VenueException("fake", VenueErrorKind.RateLimited, "429") { HttpStatus = 429, RetryAfter = TimeSpan.FromMinutes(3) };
        time.Advance(TimeSpan.FromMinutes(1));
        var limited = await store.RefreshAsync(CancellationToken.None);
        Assert.Equal(Start.AddMinutes(4), limited.BackoffUntil);
        venue.FailWith = null;
        venue.ResetCounts();

        time.Advance(TimeSpan.FromMinutes(2));
        var skipped = await store.RefreshAsync(CancellationToken.None);
        var read = await store.GetSnapshotAsync(Btc, CancellationToken.None); // loaded data is still served
        var unloaded = await Assert.ThrowsAsync<VenueException>(() => store.GetSnapshotAsync(Eth, CancellationToken.None));

        Assert.True(skipped.SkippedForBackoff);
        Assert.Equal(0, venue.TotalCalls);
        Assert.True(read.RefreshFailed);
        Assert.Equal(VenueErrorKind.RateLimited, unloaded.Kind);
        Assert.NotNull(unloaded.RetryAfter);

        time.Advance(TimeSpan.FromMinutes(1));
        var resumed = await store.RefreshAsync(CancellationToken.None);
        Assert.False(resumed.SkippedForBackoff);
        Assert.True(venue.TotalCalls > 0);
    }

    [Fact]
    public async Task RefreshAsync_LeaseExpiredAndUnwatched_EvictsSymbol()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT", "ETHUSDT");
        using var store = Store(venue, time, o => o.WarmLease = TimeSpan.FromMinutes(10));
        await store.GetSnapshotAsync(Eth, CancellationToken.None);
        store.Watch(Btc);
        await store.RefreshAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(9));
        var warm = await store.RefreshAsync(CancellationToken.None);
        store.Unwatch(Btc);
        time.Advance(TimeSpan.FromMinutes(2));
        var cold = await store.RefreshAsync(CancellationToken.None);

        Assert.Contains(Eth, warm.Refreshed);
        Assert.Equal([Eth], cold.Evicted);
        Assert.Equal([Btc], cold.Refreshed); // Unwatch starts BTC's own warm lease
        Assert.DoesNotContain(cold.Calls, c => c.Symbol == Eth);
    }

    [Fact]
    public async Task OnMarkPrices_UpdatesPremiumAndPredictedSamplesPerBucket()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT");
        using var store = Store(venue, time);
        await store.GetSnapshotAsync(Btc, CancellationToken.None);

        var t0 = new DateTimeOffset(2025, 10, 10, 12, 1, 0, TimeSpan.Zero);
        store.OnMarkPrices([new PremiumIndex(Btc, 111m, 110m, 0m, 0.0003m, 0.0001m, t0.AddHours(4), t0)]);
        store.OnMarkPrices([new PremiumIndex(Btc, 112m, 111m, 0m, 0.0004m, 0.0001m, t0.AddHours(4), t0.AddMinutes(2))]);
        store.OnMarkPrices([new PremiumIndex(Btc, 113m, 112m, 0m, 0.0005m, 0.0001m, t0.AddHours(4), t0.AddMinutes(4))]);
        var snapshot = await store.GetSnapshotAsync(Btc, CancellationToken.None);

        Assert.Equal(113m, snapshot.Premium!.Value.MarkPrice);
        Assert.Equal(
            [new FundingRatePoint(new DateTimeOffset(2025, 10, 10, 12, 0, 0, TimeSpan.Zero), 0.0004m, 112m),
             new FundingRatePoint(new DateTimeOffset(2025, 10, 10, 12, 5, 0, TimeSpan.Zero), 0.0005m, 113m)],
            snapshot.PredictedFunding);
        Assert.NotNull(store.StreamHealth.Current.LastFrameTime);
    }

    [Fact]
    public async Task OnLiquidation_AnySymbol_StoredAndListenersCalled()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT");
        var listener = new RecordingListener();
        using var store = Store(venue, time, null, new ThrowingListener(), listener);
        var callsBefore = venue.TotalCalls;

        var liq1 = new Liquidation(Btc, PositionSide.Long, 101_877.69m, 101_900m, 0.014m, Start);
        var liq2 = new Liquidation(Btc, PositionSide.Short, 102_000m, 102_001.5m, 1.5m, Start.AddSeconds(1));
        var other = new Liquidation(Eth, PositionSide.Long, 3_500m, 3_500m, 2m, Start);
        store.OnLiquidation(liq1);
        store.OnLiquidation(liq2);
        store.OnLiquidation(other);

        Assert.Equal(callsBefore, venue.TotalCalls); // ingestion never calls the venue
        Assert.Equal([liq1, liq2, other], listener.Seen);
        var snapshot = await store.GetSnapshotAsync(Btc, CancellationToken.None);
        Assert.Equal([liq1, liq2], snapshot.Liquidations);
        Assert.Equal(3, store.StreamHealth.Current.Liquidations);
    }

    [Fact]
    public async Task OnLiquidation_OlderThanRetention_Dropped()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT");
        using var store = Store(venue, time, o => o.LiquidationRetention = TimeSpan.FromHours(1));
        store.OnLiquidation(new Liquidation(Btc, PositionSide.Long, 100m, 100m, 1m, Start.AddMinutes(-90)));
        var fresh = new Liquidation(Btc, PositionSide.Long, 100m, 100m, 2m, Start.AddMinutes(-30));
        store.OnLiquidation(fresh);

        var snapshot = await store.GetSnapshotAsync(Btc, CancellationToken.None);

        Assert.Equal([fresh], snapshot.Liquidations);
    }

    [Fact]
    public async Task OnLiquidation_ReconnectReplay_CountedOnceButSameFieldsFromAnotherVenueKept()
    {
        var time = new ManualTimeProvider(Start);
        var venue = new CountingVenue(time, "BTCUSDT");
        var listener = new RecordingListener();
        using var store = Store(venue, time, null, listener);
        var a = new Liquidation(Btc, PositionSide.Long, 100_000m, 100_000m, 0.5m, Start, VenueIds.Bybit);
        var b = new Liquidation(Btc, PositionSide.Short, 100_100m, 100_100m, 0.2m, Start.AddMilliseconds(500), VenueIds.Bybit);

        store.OnLiquidation(a);
        store.OnLiquidation(b);
        store.OnLiquidation(a); // the new connection's first batch repeats the last ones
        store.OnLiquidation(b);
        store.OnLiquidation(a with { Venue = VenueIds.Okx }); // a different venue's event, even with equal fields
        store.OnLiquidation(a with { Quantity = 0.6m });

        var snapshot = await store.GetSnapshotAsync(Btc, CancellationToken.None);
        Assert.Equal(4, snapshot.Liquidations.Count);
        Assert.Equal(4, listener.Seen.Count);
        Assert.Equal([VenueIds.Bybit, VenueIds.Okx, VenueIds.Bybit, VenueIds.Bybit], snapshot.Liquidations.Select(l => l.Venue));
        Assert.Contains(Btc, store.WatchedSymbols);
    }

    [Fact]
    public void OnStatus_TracksStreamState()
    {
        var time = new ManualTimeProvider(Start);
        using var store = Store(new CountingVenue(time, "BTCUSDT"), time);

        store.OnStatus(new StreamStatus(StreamState.Connected, Start, "connected"));
        store.OnMarkPrices([new PremiumIndex(Btc, 1m, 1m, 0m, 0m, 0m, Start, Start)]);

        var health = store.StreamHealth.Current;
        Assert.Equal(StreamState.Connected, health.State);
        Assert.True(health.IsHealthy(Start.AddSeconds(5), TimeSpan.FromSeconds(30)));
        Assert.False(health.IsHealthy(Start.AddMinutes(5), TimeSpan.FromSeconds(30)));
    }

    private sealed class RecordingListener : ILiquidationListener
    {
        public List<Liquidation> Seen { get; } = [];

        public void OnLiquidation(Liquidation liquidation) => Seen.Add(liquidation);
    }

    private sealed class ThrowingListener : ILiquidationListener
    {
        public void OnLiquidation(Liquidation liquidation) => throw new InvalidOperationException("listener bug");
    }
}
