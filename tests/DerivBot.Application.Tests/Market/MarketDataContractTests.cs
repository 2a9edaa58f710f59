using DerivBot.Application.Market;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Tests.Market;

/// <summary>The market store over a counting fake venue against the <see cref="IMarketData"/> contract.</summary>
public sealed class MarketStoreMarketDataContractTests : MarketDataContract, IDisposable
{
    private readonly List<MarketStore> _stores = [];
    private readonly Dictionary<IMarketData, CountingVenue> _venues = [];

    protected override IMarketData Create(params string[] symbols)
    {
        var time = new ManualTimeProvider(Now);
        var venue = new CountingVenue(time, symbols);
        var store = new MarketStore(venue, Options.Create(new MarketOptions { TopN = 0 }), time, [], NullLogger<MarketStore>.Instance);
        _stores.Add(store);
        _venues[store] = venue;
        return store;
    }

    protected override void FailVenue(IMarketData market, VenueException failure) => _venues[market].FailWith = failure;

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }
}

/// <summary>The shared fake against the same contract.</summary>
public sealed class FakeMarketDataContractTests : MarketDataContract
{
    protected override IMarketData Create(params string[] symbols) => new FakeMarketData(new ManualTimeProvider(Now), symbols);

    protected override void FailVenue(IMarketData market, VenueException failure) => ((FakeMarketData)market).Failure = failure;
}
