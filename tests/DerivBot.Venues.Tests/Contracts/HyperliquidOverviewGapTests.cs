using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary>
/// The <see cref="VenueOverviewContract"/> rules <see cref="DerivBot.Venues.Hyperliquid.HyperliquidVenue"/> does meet,
/// in Hyperliquid's own funding units (per 1 h), so they stay pinned whatever is decided about the contract's 8-hour
/// funding comparison and its history rules for a venue without history (see <see cref="HyperliquidOverviewContractTests"/>).
/// </summary>
public sealed class HyperliquidOverviewGapTests : IAsyncLifetime, IDisposable
{
    internal static readonly VenueErrorKind[] Kinds =
    [
        VenueErrorKind.RateLimited, VenueErrorKind.Banned, VenueErrorKind.RegionBlocked, VenueErrorKind.ServerError,
        VenueErrorKind.BadResponse, VenueErrorKind.Timeout,
    ];

    private static readonly TimeSpan Forever = TimeSpan.FromMinutes(5);
    private readonly HttpClient _http = new();
    private readonly List<FakeJsonVenueServer> _fakes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var fake in _fakes)
        {
            await fake.DisposeAsync();
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<IVenueOverview> StartAsync(TimeSpan timeout, params FakeResponse[] replies)
    {
        var (fake, venue) = await HyperliquidWire.StartAsync(_http, TimeProvider.System, timeout);
        _fakes.Add(fake);
        fake.Enqueue(HyperliquidWire.InfoPath, replies);
        return venue;
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_ContractMarket_CoinsAndHourlyFunding()
    {
        var venue = await StartAsync(TimeSpan.FromSeconds(10), HyperliquidWire.MetaAndAssetCtxs());
        using var cts = TestTimeouts.NetworkToken();

        var rows = await venue.GetStatsAsync(["BTC", "ETH", VenueOverviewContract.UnlistedAsset], cts.Token);

        Assert.Equal(2, rows.Count);
        foreach (var expected in VenueOverviewContract.Market)
        {
            var row = Assert.Single(rows, r => r.Asset == expected.Asset);
            Assert.Equal(VenueIds.Hyperliquid, row.Venue);
            Assert.Equal(expected.OpenInterestCoins, row.OpenInterestCoins);
            Assert.Equal(expected.MarkPrice, row.MarkPrice);
            Assert.Equal(expected.OpenInterestCoins * expected.MarkPrice, row.OpenInterestUsd);
            Assert.Equal(1, row.FundingIntervalHours);
            Assert.Equal(expected.FundingRate / expected.FundingIntervalHours, row.FundingRate);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStatsAsync_VenueFails_VenueExceptionOfThatKindNamingHyperliquid()
    {
        foreach (var kind in Kinds)
        {
            var venue = await StartAsync(TimeSpan.FromSeconds(2), Enumerable.Repeat(LoopbackOverviewContract.WireFailure(kind), 5).ToArray());
            using var cts = TestTimeouts.NetworkToken();

            var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));

            Assert.Equal(kind, ex.Kind);
            Assert.Equal(VenueIds.Hyperliquid, ex.Venue);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_CallerCancels_EndsWithCancellation()
    {
        var venue = await StartAsync(TimeSpan.FromSeconds(10), new FakeResponse(Delay: Forever));
        using var guard = TestTimeouts.NetworkToken();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(guard.Token);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => venue.GetStatsAsync(["BTC"], cts.Token).WaitAsync(TestTimeouts.Network));

        Assert.False(guard.IsCancellationRequested);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetOpenInterestHistoryAsync_AnyAsset_EmptyWithoutRequest()
    {
        var venue = await StartAsync(TimeSpan.FromSeconds(10));
        using var cts = TestTimeouts.NetworkToken();
        var query = new HistoryQuery(VenueOverviewContract.Now.AddHours(-24), VenueOverviewContract.Now, 100);

        Assert.Empty(await venue.GetOpenInterestHistoryAsync("BTC", DataPeriod.H1, query, cts.Token));
        Assert.Empty(await venue.GetOpenInterestHistoryAsync(VenueOverviewContract.UnlistedAsset, DataPeriod.H1, query, cts.Token));
        Assert.Equal(0, _fakes[0].TotalRequests);
    }
}
