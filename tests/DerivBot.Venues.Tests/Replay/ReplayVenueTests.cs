using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Replay;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Replay;

public sealed class ReplayVenueTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Symbol Pepe = new("1000PEPEUSDT");
    private static readonly DateTimeOffset AsOf = new(2025, 10, 10, 21, 12, 34, TimeSpan.Zero);

    private static ReplayVenue Venue(TimeProvider time, ReplayOptions? options = null) => new(time, Options.Create(options ?? new ReplayOptions()));

    [Fact]
    public async Task HistoryEndpoints_AsOfNow_ReturnNothingFromTheFuture()
    {
        var time = new ManualTimeProvider(AsOf);
        var venue = Venue(time);
        var all = new HistoryQuery(Limit: 1500);
        var ct = CancellationToken.None;

        foreach (var symbol in ReplayScenario.Default.Symbols)
        {
            var klines = await venue.GetKlinesAsync(symbol, KlineInterval.M5, all, ct);
            Assert.All(klines, k => Assert.True(k.CloseTime < AsOf));
            Assert.Equal(new DateTimeOffset(2025, 10, 10, 21, 5, 0, TimeSpan.Zero), klines[^1].OpenTime); // last completed candle
            Assert.All(await venue.GetOpenInterestHistoryAsync(symbol, DataPeriod.M5, new HistoryQuery(Limit: 500), ct), p => Assert.True(p.Time <= AsOf));
            foreach (var kind in Enum.GetValues<RatioKind>())
            {
                Assert.All(await venue.GetLongShortRatioAsync(symbol, kind, DataPeriod.M5, new HistoryQuery(Limit: 500), ct), p => Assert.True(p.Time <= AsOf));
            }
            Assert.All(await venue.GetTakerVolumeAsync(symbol, DataPeriod.M5, new HistoryQuery(Limit: 500), ct), p => Assert.True(p.Time <= AsOf));
            Assert.All(await venue.GetFundingHistoryAsync(symbol, new HistoryQuery(Limit: 1000), ct), p => Assert.True(p.Time <= AsOf));
        }
        var oi = await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.M5, new HistoryQuery(Limit: 500), ct);
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 21, 10, 0, TimeSpan.Zero), oi[^1].Time);
        var premium = Assert.Single(await venue.GetPremiumIndexAsync(ct), p => p.Symbol == Btc);
        Assert.Equal(AsOf, premium.Time);
        // The mark now is the open of the running 5-minute bar (21:10), which the klines endpoint does not show yet.
        var running = ReplayData.Default.Symbols[Btc].Klines.Rows.Single(k => k.OpenTime == new DateTimeOffset(2025, 10, 10, 21, 10, 0, TimeSpan.Zero));
        Assert.Equal(running.Open, premium.MarkPrice);
    }

    [Fact]
    public async Task HistoryEndpoints_BinanceWindowRules_StartLimitEndAndDefaults()
    {
        var time = new ManualTimeProvider(AsOf);
        var venue = Venue(time);
        var ct = CancellationToken.None;
        var start = new DateTimeOffset(2025, 10, 6, 0, 0, 0, TimeSpan.Zero);

        var defaultRows = await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.M5, default, ct);
        var fromStart = await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.M5, new HistoryQuery(start, null, 10), ct);
        var toEnd = await venue.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.M5, new HistoryQuery(null, start, 3), ct);
        var clamped = await venue.GetTakerVolumeAsync(Btc, DataPeriod.M5, new HistoryQuery(Limit: 10_000), ct);
        var klines = await venue.GetKlinesAsync(Btc, KlineInterval.M5, default, ct);
        var hourly = await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.H1, new HistoryQuery(Limit: 5), ct);
        var hourlyKlines = await venue.GetKlinesAsync(Btc, KlineInterval.H1, new HistoryQuery(Limit: 2), ct);

        Assert.Equal(30, defaultRows.Count);
        Assert.Equal(start, fromStart[0].Time);
        Assert.Equal(10, fromStart.Count);
        Assert.Equal([start.AddMinutes(-10), start.AddMinutes(-5), start], toEnd.Select(r => r.Time));
        Assert.Equal(500, clamped.Count);
        Assert.Equal(500, klines.Count);
        Assert.Equal(5, hourly.Count);
        Assert.All(hourly, p => Assert.Equal(0, p.Time.Minute));
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 20, 0, 0, TimeSpan.Zero), hourlyKlines[^1].OpenTime);
        var fiveMinute = await venue.GetKlinesAsync(Btc, KlineInterval.M5, new HistoryQuery(hourlyKlines[^1].OpenTime, null, 12), ct);
        Assert.Equal(fiveMinute.Max(k => k.High), hourlyKlines[^1].High);
        Assert.Equal(fiveMinute.Sum(k => k.Volume), hourlyKlines[^1].Volume);
    }

    [Fact]
    public async Task Endpoints_BeforeScenarioStart_EmptyHistoryAndNoLiveValues()
    {
        var time = new ManualTimeProvider(ReplayScenario.Default.Start.AddDays(-1));
        var venue = Venue(time);

        Assert.Empty(await venue.GetKlinesAsync(Btc, KlineInterval.M5, default, CancellationToken.None));
        Assert.Empty(await venue.GetPremiumIndexAsync(CancellationToken.None));
        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetOpenInterestAsync(Btc, CancellationToken.None));
        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
    }

    [Fact]
    public async Task Endpoints_UnknownSymbol_InvalidSymbolLikeBinance()
    {
        var venue = Venue(new ManualTimeProvider(AsOf));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetKlinesAsync(new Symbol("DOGEUSDT"), KlineInterval.M5, default, CancellationToken.None));

        Assert.Equal(VenueErrorKind.InvalidSymbol, ex.Kind);
        Assert.Equal(-1121, ex.VendorCode);
        Assert.Equal("replay:binance", ex.Venue);
    }

    [Fact]
    public async Task Tickers_AtNow_RollingDayAndSpotMultiplier()
    {
        var venue = Venue(new ManualTimeProvider(AsOf));

        var futures = await venue.GetFuturesTickersAsync(CancellationToken.None);
        var spot = await venue.GetSpotTickersAsync(CancellationToken.None);
        var universe = await venue.GetPerpetualsAsync(CancellationToken.None);
        var info = await venue.GetFundingInfoAsync(CancellationToken.None);

        Assert.Equal(4, universe.Count);
        var pepeFutures = Assert.Single(futures, t => t.Symbol == Pepe);
        var pepeSpot = Assert.Single(spot, t => t.Symbol == new Symbol("PEPEUSDT"));
        Assert.Equal(pepeFutures.LastPrice / 1000m, pepeSpot.LastPrice);
        Assert.Equal(Math.Round(pepeFutures.Volume * 1000m * 0.35m, 8), pepeSpot.Volume);
        var btc = Assert.Single(futures, t => t.Symbol == Btc);
        Assert.True(btc.PriceChangePercent < -5m, $"BTC 24 h change during the crash was {btc.PriceChangePercent} %");
        var adjusted = Assert.Single(info);
        Assert.Equal((Pepe, 4), (adjusted.Symbol, adjusted.IntervalHours));
    }

    [Fact]
    public void MarkPriceFrame_ParsesThroughBinanceParsers()
    {
        var venue = Venue(new ManualTimeProvider(AsOf));
        var handler = new CollectingStreamHandler();

        BinanceParsers.ParseStreamFrame(venue.MarkPriceFrame(AsOf)!, handler);

        var batch = Assert.Single(handler.MarkPriceBatches);
        Assert.Equal(4, batch.Count);
        Assert.All(batch, p => Assert.Equal(AsOf, p.Time));
    }

    [Fact(Timeout = 20_000)]
    public async Task RunAsync_AsTimePasses_PushesDueLiquidationsAndMarkPricesOnly()
    {
        var start = ReplayScenario.Default.CascadeStart;
        var time = new ManualTimeProvider(start);
        var venue = Venue(time, new ReplayOptions { StreamStep = TimeSpan.FromSeconds(1) });
        var handler = new CollectingStreamHandler();
        using var cts = TestTimeouts.NetworkToken();
        var run = venue.RunAsync(handler, cts.Token);

        for (var i = 0; i < 120; i++)
        {
            await TestTimeouts.WaitUntilAsync(() => time.PendingTimers > 0, what: "the stream to wait for its next step");
            var liquidationsSoFar = handler.Liquidations.Count;
            Assert.All(handler.Liquidations, l => Assert.True(l.Time <= time.GetUtcNow(), $"{l.Time:O} delivered at {time.GetUtcNow():O}"));
            time.Advance(TimeSpan.FromSeconds(1));
            _ = liquidationsSoFar;
        }
        await TestTimeouts.WaitUntilAsync(() => time.PendingTimers > 0, what: "the last step");
        cts.Cancel();
        await run;

        Assert.Equal(StreamState.Connected, handler.Statuses.First().State);
        Assert.Equal(StreamState.Disconnected, handler.Statuses.Last().State);
        Assert.True(handler.MarkPriceBatches.Count >= 120);
        Assert.NotEmpty(handler.Liquidations);
        Assert.All(handler.Liquidations, l => Assert.InRange(l.Time, start, start.AddSeconds(120)));
        var times = handler.Liquidations.Select(l => l.Time).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact(Timeout = 20_000)]
    public async Task RunAsync_WithBacklog_DeliversRecentLiquidationsAtOnce()
    {
        var start = ReplayScenario.Default.CascadeEnd;
        var time = new ManualTimeProvider(start);
        var venue = Venue(time, new ReplayOptions { StreamBacklog = TimeSpan.FromHours(1) });
        var handler = new CollectingStreamHandler();
        using var cts = TestTimeouts.NetworkToken();

        var run = venue.RunAsync(handler, cts.Token);
        await TestTimeouts.WaitUntilAsync(() => time.PendingTimers > 0, what: "the first step");
        cts.Cancel();
        await run;

        Assert.True(handler.Liquidations.Count > 1000, $"{handler.Liquidations.Count} liquidations in the hour of the cascade");
        Assert.All(handler.Liquidations, l => Assert.InRange(l.Time, start.AddHours(-1), start));
    }
}
