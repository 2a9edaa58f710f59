using DerivBot.Application.Market;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Tests.Market;

/// <summary>The market store — the real <see cref="IWatchedSymbols"/> the liquidation streams read — under the contract.</summary>
public sealed class MarketStoreWatchedSymbolsContractTests : WatchedSymbolsContract, IDisposable
{
    private readonly List<MarketStore> _stores = [];

    protected override IWatchedSymbols Create()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 12, 0, 0, TimeSpan.Zero));
        var store = new MarketStore(new CountingVenue(time, "BTCUSDT", "ETHUSDT"), Options.Create(new MarketOptions { TopN = 0 }), time, [],
            NullLogger<MarketStore>.Instance);
        _stores.Add(store);
        return store;
    }

    protected override void Watch(IWatchedSymbols watched, string symbol) => ((MarketStore)watched).Watch(new Symbol(symbol));

    protected override void Unwatch(IWatchedSymbols watched, string symbol) => ((MarketStore)watched).Unwatch(new Symbol(symbol));

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }
}

/// <summary><see cref="FakeWatchedSymbols"/> under the same contract as the market store.</summary>
public sealed class FakeWatchedSymbolsContractTests : WatchedSymbolsContract
{
    protected override IWatchedSymbols Create() => new FakeWatchedSymbols();

    protected override void Watch(IWatchedSymbols watched, string symbol) => ((FakeWatchedSymbols)watched).Watch(symbol);

    protected override void Unwatch(IWatchedSymbols watched, string symbol) => ((FakeWatchedSymbols)watched).Unwatch(symbol);
}
