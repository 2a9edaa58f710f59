using DerivBot.Core.Ports;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary>
/// <see cref="DerivBot.Venues.Hyperliquid.HyperliquidVenue"/> against the <see cref="IVenueOverview"/> contract over the
/// Hyperliquid <see cref="FakeJsonVenueServer"/>: hourly funding (the contract compares rates per hour) and no OI history
/// (answered empty without a request, which <see cref="HyperliquidOverviewGapTests"/> pins).
/// </summary>
public sealed class HyperliquidOverviewContractTests : LoopbackOverviewContract
{
    protected override bool HasHistory => false;

    protected override int? FundingIntervalHours => 1;

    protected override async Task<IVenueOverview> CreateAsync()
    {
        var (fake, venue) = await HyperliquidWire.StartAsync(Http, Clock, TimeSpan.FromSeconds(10));
        Track(fake).Enqueue(HyperliquidWire.InfoPath, HyperliquidWire.MetaAndAssetCtxs(), HyperliquidWire.MetaAndAssetCtxs(), HyperliquidWire.MetaAndAssetCtxs());
        return venue;
    }

    protected override IEnumerable<VenueErrorKind> FailureKinds => HyperliquidOverviewGapTests.Kinds;

    protected override async Task<IVenueOverview> CreateFailingAsync(VenueErrorKind kind)
    {
        var (fake, venue) = await HyperliquidWire.StartAsync(Http, Clock, TimeoutFor(kind));
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
