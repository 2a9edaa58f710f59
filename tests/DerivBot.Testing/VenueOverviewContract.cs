using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Xunit;

namespace DerivBot.Testing;

/// <summary>One listing the contract market serves, in the units every implementation must report.</summary>
/// <param name="Asset">Canonical coin, e.g. <c>BTC</c>.</param>
/// <param name="FundingRate">Fraction per <paramref name="FundingIntervalHours"/>.</param>
/// <param name="OpenInterestCoins">OI in coins of the asset (what the venue's contracts/multipliers amount to).</param>
/// <param name="History">Published OI history in coins (ignored by venues without history).</param>
public sealed record ContractListing(
    string Asset,
    decimal MarkPrice,
    decimal FundingRate,
    int FundingIntervalHours,
    decimal OpenInterestCoins,
    IReadOnlyList<OpenInterestPoint> History);

/// <summary>
/// What every <see cref="IVenueOverview"/> must do, whatever the venue: assets it does not list are absent (not an
/// error), OI comes in coins of the canonical asset, history comes oldest first in coins, failures surface only as
/// <see cref="VenueException"/> naming the venue, and a caller's cancellation ends a call that is waiting on the venue.
/// Subclass it per implementation (the in-memory fake, each real adapter over its loopback fake) and serve
/// <see cref="Market"/> in the venue's own wire format (contracts, string numbers, multipliers).
/// </summary>
public abstract class VenueOverviewContract
{
    /// <summary>An asset no venue lists.</summary>
    public const string UnlistedAsset = "NOSUCHCOINXYZ";

    /// <summary>The instant the contract market is "now" at.</summary>
    public static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The market every implementation serves: BTC and ETH (tests assume both).</summary>
    public static IReadOnlyList<ContractListing> Market { get; } =
    [
        new("BTC", 121_000m, 0.0001m, 8, 84_000m, HistoryOf(82_000m, 84_000m)),
        new("ETH", 4_400m, -0.00005m, 8, 1_900_000m, HistoryOf(1_950_000m, 1_900_000m)),
    ];

    /// <summary>Hourly points over the last 24 h, linear from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IReadOnlyList<OpenInterestPoint> HistoryOf(decimal from, decimal to) =>
        Enumerable.Range(0, 25)
            .Select(i => new OpenInterestPoint(Now.AddHours(i - 24), from + ((to - from) * i / 24m), 0m))
            .ToList();

    /// <summary>Whether the venue publishes OI history (Hyperliquid does not: it answers empty without asking).</summary>
    protected virtual bool HasHistory => true;

    /// <summary>The venue's own settlement interval when it has one fixed interval for every listing (Hyperliquid: 1);
    /// null when it serves the market's intervals.</summary>
    protected virtual int? FundingIntervalHours => null;

    /// <summary>Relative tolerance for figures that pass through a venue's units (contract sizes, string decimals).</summary>
    protected virtual decimal Tolerance => 0.000001m;

    /// <summary>The failure kinds the implementation can be made to produce (a real adapter's fake: 429, 403, 451, 5xx, garbage …).</summary>
    protected virtual IEnumerable<VenueErrorKind> FailureKinds =>
        Enum.GetValues<VenueErrorKind>().Where(k => k != VenueErrorKind.InvalidSymbol);

    /// <summary>The implementation serving <see cref="Market"/> "as of" <see cref="Now"/>.</summary>
    protected abstract Task<IVenueOverview> CreateAsync();

    /// <summary>The implementation with every call failing as <paramref name="kind"/>.</summary>
    protected abstract Task<IVenueOverview> CreateFailingAsync(VenueErrorKind kind);

    /// <summary>The implementation with every call waiting on the venue forever (unless cancelled).</summary>
    protected abstract Task<IVenueOverview> CreateHangingAsync();

    [Fact]
    public async Task GetStatsAsync_ListedAssets_OneRowEachInCoins()
    {
        var venue = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();
        var rows = await venue.GetStatsAsync(["BTC", "ETH"], cts.Token);

        Assert.Equal(2, rows.Count);
        foreach (var expected in Market)
        {
            var row = Assert.Single(rows, r => r.Asset == expected.Asset);
            Assert.Equal(venue.Name, row.Venue);
            Assert.False(string.IsNullOrWhiteSpace(row.Instrument));
            Close(expected.OpenInterestCoins, row.OpenInterestCoins, "OI in coins");
            Close(expected.MarkPrice, row.MarkPrice, "mark per coin");
            Close(expected.OpenInterestCoins * expected.MarkPrice, row.OpenInterestUsd, "OI in USD", relative: 0.01m);
            // Each venue reports funding in its own interval (Hyperliquid settles hourly); what must agree is the rate
            // per hour, so that the aggregation's 8 h-equivalents add up.
            Assert.Equal(FundingIntervalHours ?? expected.FundingIntervalHours, row.FundingIntervalHours);
            Assert.NotNull(row.FundingRate);
            Close(expected.FundingRate / expected.FundingIntervalHours, row.FundingRate!.Value / row.FundingIntervalHours, "funding per hour");
        }
    }

    [Fact]
    public async Task GetStatsAsync_UnlistedAsset_AbsentNotAnError()
    {
        var venue = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();

        var mixed = await venue.GetStatsAsync(["BTC", UnlistedAsset], cts.Token);
        var none = await venue.GetStatsAsync([UnlistedAsset], cts.Token);

        Assert.Equal("BTC", Assert.Single(mixed).Asset);
        Assert.Empty(none);
    }

    [Fact]
    public async Task GetOpenInterestHistoryAsync_ListedAsset_OldestFirstInCoins()
    {
        var venue = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();
        var points = await venue.GetOpenInterestHistoryAsync("BTC", DataPeriod.H1, new HistoryQuery(Now.AddHours(-24), Now, 100), cts.Token);

        if (!HasHistory)
        {
            Assert.Empty(points);
            return;
        }
        Assert.NotEmpty(points);
        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].Time > points[i - 1].Time, $"point {i} is not after point {i - 1}");
        }
        Assert.All(points, p => Assert.True(p.Time <= Now, "no point after now"));
        var expected = Market[0].History;
        Close(expected[^1].Contracts, points[^1].Contracts, "latest history point in coins");
        Close(expected[0].Contracts, points[0].Contracts, "oldest history point in coins");
    }

    [Fact]
    public async Task GetOpenInterestHistoryAsync_UnlistedAsset_Empty()
    {
        var venue = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();

        var points = await venue.GetOpenInterestHistoryAsync(UnlistedAsset, DataPeriod.H1, new HistoryQuery(Now.AddHours(-24), Now, 100), cts.Token);

        Assert.Empty(points);
    }

    [Fact]
    public async Task Calls_VenueFails_OnlyVenueExceptionNamingTheVenue()
    {
        foreach (var kind in FailureKinds)
        {
            var venue = await CreateFailingAsync(kind);
            using var cts = TestTimeouts.NetworkToken();

            var stats = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));
            Assert.Equal(kind, stats.Kind);
            Assert.Equal(venue.Name, stats.Venue);
            if (HasHistory)
            {
                // A venue without OI history answers empty without asking anybody, so it has nothing to fail on.
                var history = await Assert.ThrowsAsync<VenueException>(() =>
                    venue.GetOpenInterestHistoryAsync("BTC", DataPeriod.H1, new HistoryQuery(Now.AddHours(-24), Now, 100), cts.Token));
                Assert.Equal(kind, history.Kind);
            }
        }
    }

    [Fact]
    public async Task Calls_CallerCancels_EndPromptlyWithCancellation()
    {
        var venue = await CreateHangingAsync();
        using var guard = TestTimeouts.NetworkToken();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(guard.Token);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        var stats = venue.GetStatsAsync(["BTC"], cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stats.WaitAsync(TestTimeouts.Network));
        Assert.False(guard.IsCancellationRequested, "the call ended only when the guard fired, not when the caller cancelled");

        if (!HasHistory)
        {
            return; // answered empty at once, without waiting on the venue
        }
        using var cts2 = CancellationTokenSource.CreateLinkedTokenSource(guard.Token);
        cts2.CancelAfter(TimeSpan.FromMilliseconds(100));
        var history = venue.GetOpenInterestHistoryAsync("BTC", DataPeriod.H1, new HistoryQuery(Now.AddHours(-24), Now, 100), cts2.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => history.WaitAsync(TestTimeouts.Network));
    }

    private void Close(decimal expected, decimal actual, string what, decimal? relative = null)
    {
        var tolerance = Math.Abs(expected) * (relative ?? Tolerance);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected}, got {actual}");
    }
}
