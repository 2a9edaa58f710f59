using DerivBot.Application.Market;
using DerivBot.Core.Markets;
using DerivBot.Testing;
using DerivBot.Venues.Bybit;
using DerivBot.Venues.Okx;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Okx;

/// <summary>The market store running on Bybit or OKX as its primary venue (what happens when Binance answers 451).</summary>
public sealed class PrimaryVenueStoreTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private MarketStore Store(Core.Ports.IMarketDataVenue venue) =>
        new(venue, Options.Create(new MarketOptions { TopN = 0, HistoryDepth = TimeSpan.FromDays(1) }), _time, [], NullLogger<MarketStore>.Instance);

    [Fact(Timeout = 30_000)]
    public async Task MarketStore_OnBybit_SnapshotWithFundingIntervalOiAndSpot()
    {
        using var cts = TestTimeouts.NetworkToken();
        await using var fake = await FakeBybitServer.StartAsync();
        using var venue = new BybitVenue(_http, Options.Create(new BybitOptions { RestUrl = fake.RestUrl }), _time, NullLogger<BybitVenue>.Instance);
        using var store = Store(venue);

        var pepe = await store.GetSnapshotAsync(new Symbol("1000PEPEUSDT"), cts.Token);

        Assert.Equal("bybit", pepe.Venue);
        Assert.Equal(4, pepe.FundingIntervalHours);
        Assert.Equal(0.0003m, pepe.Premium!.Value.FundingRate);
        Assert.Equal(1000m, pepe.SpotMultiplier);
        Assert.Equal("PEPEUSDT", pepe.SpotTicker!.Symbol.Value);
        Assert.NotEmpty(pepe.FundingHistory);
        Assert.NotEmpty(pepe.OpenInterest);
        Assert.NotEmpty(pepe.Klines);
        Assert.NotEmpty(pepe.GlobalAccountRatio);
        Assert.Empty(pepe.TopAccountRatio);
        Assert.Empty(pepe.TakerVolume);
        Assert.Contains(await store.GetUniverseAsync(cts.Token), c => c.Symbol.Value == "BTCUSDT");
    }

    [Fact(Timeout = 30_000)]
    public async Task MarketStore_OnOkx_LessTradedSymbol_FundingAfterFirstRefresh()
    {
        using var cts = TestTimeouts.NetworkToken();
        await using var fake = await FakeOkxServer.StartAsync();
        using var venue = new OkxVenue(_http, Options.Create(new OkxOptions { RestUrl = fake.RestUrl, DefaultWatched = 1 }), _time, NullLogger<OkxVenue>.Instance);
        using var store = Store(venue);
        var op = new Symbol("OP-USDT-SWAP");

        var first = await store.GetSnapshotAsync(op, cts.Token);
        Assert.Null(first.Premium); // not among the most traded: read once watched, never invented
        Assert.Equal(12_340m, first.OpenInterest[^1].Contracts); // the fake's 1234-contract rows × ctVal 10 OP

        await store.RefreshAsync(cts.Token);
        var refreshed = await store.GetSnapshotAsync(op, cts.Token);

        Assert.Equal(-0.0002m, refreshed.Premium!.Value.FundingRate);
        // The interval is known from now on; the store adopts it at its next metadata refresh.
        Assert.Equal(4, (await venue.GetFundingInfoAsync(cts.Token)).Single(e => e.Symbol == op).IntervalHours);
    }

    [Fact(Timeout = 30_000)]
    public async Task MarketStore_OnOkx_SnapshotInCoins_FundingAfterFirstRefresh()
    {
        using var cts = TestTimeouts.NetworkToken();
        await using var fake = await FakeOkxServer.StartAsync();
        using var venue = new OkxVenue(_http, Options.Create(new OkxOptions { RestUrl = fake.RestUrl }), _time, NullLogger<OkxVenue>.Instance);
        using var store = Store(venue);
        var btc = new Symbol("BTC-USDT-SWAP");

        var first = await store.GetSnapshotAsync(btc, cts.Token);
        Assert.Equal("okx", first.Venue);
        Assert.Equal("BTC", first.Contract!.BaseAsset);
        Assert.Equal([12m, 12.34m], first.OpenInterest.Select(p => p.Contracts).Take(2)); // coins, not contracts
        Assert.NotEmpty(first.FundingHistory);
        Assert.NotEmpty(first.Klines);
        // OKX funding is per instrument: BTC is among the most-traded swaps, watched from the start.
        Assert.Equal(0.0000792386885340m, first.Premium!.Value.FundingRate);

        var report = await store.RefreshAsync(cts.Token);
        var refreshed = await store.GetSnapshotAsync(btc, cts.Token);

        Assert.Empty(report.Failures);
        Assert.Equal(0.0000792386885340m, refreshed.Premium!.Value.FundingRate);
        Assert.Equal(121346.2m, refreshed.Premium.Value.MarkPrice);
    }
}
