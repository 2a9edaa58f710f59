using DerivBot.Core.Ports;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary>
/// <see cref="DerivBot.Venues.Hyperliquid.HyperliquidVenue"/> against the <see cref="IVenueOverview"/> contract over the
/// Hyperliquid <see cref="FakeJsonVenueServer"/>. KNOWN GAP (see the branch report): the adapter reports hourly funding
/// (interval 1, rate per hour) where the contract compares against the market's 8-hour figures, and its history call
/// answers empty at once without a request, so it neither fails with the venue nor observes the caller's cancellation.
/// The rules it does meet are also pinned, independent of this class, by <see cref="HyperliquidOverviewGapTests"/>.
/// </summary>
public sealed class HyperliquidOverviewContractTests : LoopbackOverviewContract
{
    protected override bool HasHistory => false;

    protected override async Task<IVenueOverview> CreateAsync()
    {
        var (fake, venue) = await HyperliquidWire.StartAsync(Http, Clock, TimeSpan.FromSeconds(10));
        Track(fake).Enqueue(HyperliquidWire.InfoPath, HyperliquidWire.MetaAndAssetCtxs(), HyperliquidWire.MetaAndAssetCtxs(), HyperliquidWire.MetaAndAssetCtxs());
        return venue;
    }

    protected override IEnumerable<VenueErrorKind> FailureKinds => HyperliquidOverviewGapTests.Kinds;

    protected override async Task<IVenueOverview> CreateFailingAsync(VenueErrorKind kind)
    {
        var (fake, venue) = await HyperliquidWire.StartAsync(Http, Clock, ShortTimeout);
        Track(fake).Enqueue(HyperliquidWire.InfoPath, Many(FailureReply(kind)));
        return venue;
    }

    protected override async Task<IVenueOverview> CreateHangingAsync()
    {
        var (fake, venue) = await HyperliquidWire.StartAsync(Http, Clock, TimeSpan.FromSeconds(10));
        Track(fake).Enqueue(HyperliquidWire.InfoPath, Many(new FakeResponse(Delay: Forever)));
        return venue;
    }
}
