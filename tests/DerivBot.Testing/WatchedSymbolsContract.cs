using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="IWatchedSymbols"/> must do, the market store and <see cref="FakeWatchedSymbols"/> alike:
/// nothing is listed before a watch, a watched symbol is listed, a symbol whose watch ended before it ever loaded is not,
/// and the list handed out is a snapshot that later watches do not change (stream readers iterate it off-thread).
/// </summary>
public abstract class WatchedSymbolsContract
{
    /// <summary>A fresh implementation with nothing watched.</summary>
    protected abstract IWatchedSymbols Create();

    protected abstract void Watch(IWatchedSymbols watched, string symbol);

    protected abstract void Unwatch(IWatchedSymbols watched, string symbol);

    [Fact]
    public void WatchedSymbols_NothingWatched_Empty() => Assert.Empty(Create().WatchedSymbols);

    [Fact]
    public void WatchedSymbols_AfterWatch_Listed()
    {
        var watched = Create();
        Watch(watched, "BTCUSDT");
        Assert.Equal([new Symbol("BTCUSDT")], watched.WatchedSymbols);
    }

    [Fact]
    public void WatchedSymbols_WatchEndedBeforeLoading_NotListed()
    {
        var watched = Create();
        Watch(watched, "BTCUSDT");
        Watch(watched, "ETHUSDT");
        Unwatch(watched, "ETHUSDT");
        Assert.Equal([new Symbol("BTCUSDT")], watched.WatchedSymbols);
    }

    [Fact]
    public void WatchedSymbols_LaterWatch_EarlierListUnchanged()
    {
        var watched = Create();
        Watch(watched, "BTCUSDT");
        var before = watched.WatchedSymbols;
        Watch(watched, "ETHUSDT");
        Assert.Single(before);
        Assert.Equal(2, watched.WatchedSymbols.Count);
    }
}
