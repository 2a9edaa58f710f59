using DerivBot.Core.Ports;
using DerivBot.Testing;

namespace DerivBot.Application.Tests.Venues;

/// <summary>The in-memory fake behaves like a real adapter (the same contract the adapters pass over their loopback fakes).</summary>
public sealed class FakeVenueOverviewContractTests : VenueOverviewContract
{
    private static FakeVenueOverview Serving()
    {
        var venue = new FakeVenueOverview(VenueIds.Bybit, new ManualTimeProvider(Now));
        foreach (var listing in Market)
        {
            venue.List(listing.Asset, listing.MarkPrice, listing.FundingRate, listing.FundingIntervalHours, listing.OpenInterestCoins)
                .WithHistory(listing.Asset, listing.History);
        }
        return venue;
    }

    protected override Task<IVenueOverview> CreateAsync() => Task.FromResult<IVenueOverview>(Serving());

    protected override Task<IVenueOverview> CreateFailingAsync(VenueErrorKind kind) => Task.FromResult<IVenueOverview>(Serving().FailWith(kind));

    protected override Task<IVenueOverview> CreateHangingAsync() => Task.FromResult<IVenueOverview>(Serving().Hang());
}
