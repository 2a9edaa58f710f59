using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Replay;

namespace DerivBot.Venues.Tests.Replay;

public sealed class ReplayOptionsVenueTests
{
    [Fact]
    public async Task GetChain_AfterTheCascade_ServesTheRecentredChainStampedNow()
    {
        var now = new DateTimeOffset(2025, 10, 10, 23, 40, 0, TimeSpan.Zero);
        var venue = new ReplayOptionsVenue(new ManualTimeProvider(now));

        var chain = await venue.GetChainAsync("BTC", CancellationToken.None);

        Assert.Equal("replay:deribit", chain.Venue);
        Assert.Equal(now, chain.Time);
        Assert.True(chain.Options.Count > 400);
        Assert.All(chain.Options, o => Assert.True(o.Expiry > now));
        // Re-centred: the index is the scenario's BTC price, strikes around it exist.
        Assert.InRange(chain.IndexPrice!.Value, 100_000m, 125_000m);
        Assert.Contains(chain.Options, o => Math.Abs(o.Strike - chain.IndexPrice.Value) < 5_000m);
        var signal = OptionsSignals.Compute(chain, now, new Core.Signals.OptionsSignalOptions(), [], OptionsMarketContext.None);
        // The documented put/call path: 0.95 right after the cascade.
        Assert.InRange(signal.PutCallOiRatio!.Value, 0.90m, 1.0m);
        Assert.Equal(new DateTimeOffset(2025, 10, 31, 8, 0, 0, TimeSpan.Zero), signal.NearestMonthly!.Expiry);
    }

    [Fact]
    public async Task GetChain_BeforeTheCascade_PutCallFollowsTheDocumentedRise()
    {
        var early = await Ratio(new DateTimeOffset(2025, 10, 6, 1, 0, 0, TimeSpan.Zero));
        var late = await Ratio(new DateTimeOffset(2025, 10, 10, 17, 0, 0, TimeSpan.Zero));
        Assert.InRange(early, 0.54m, 0.56m);
        Assert.True(late > early + 0.1m, $"{early} → {late}");
    }

    private static async Task<decimal> Ratio(DateTimeOffset now)
    {
        var chain = await new ReplayOptionsVenue(new ManualTimeProvider(now)).GetChainAsync("BTC", CancellationToken.None);
        return OptionsSignals.Compute(chain, now, new Core.Signals.OptionsSignalOptions(), [], OptionsMarketContext.None).PutCallOiRatio!.Value;
    }

    [Fact]
    public async Task GetChain_UnlistedOrBeforeStart_FailsLikeAVenue()
    {
        var venue = new ReplayOptionsVenue(new ManualTimeProvider(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(VenueErrorKind.InvalidSymbol, (await Assert.ThrowsAsync<VenueException>(() => venue.GetChainAsync("SOL", CancellationToken.None))).Kind);
        Assert.Equal(VenueErrorKind.Unreachable, (await Assert.ThrowsAsync<VenueException>(() => venue.GetChainAsync("ETH", CancellationToken.None))).Kind);
        Assert.Equal(["BTC", "ETH"], await venue.GetOptionAssetsAsync(CancellationToken.None));
    }
}
