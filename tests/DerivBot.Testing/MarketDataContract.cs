using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="IMarketData"/> must do, the market store and <see cref="FakeMarketData"/> alike, over a venue
/// listing BTCUSDT and ETHUSDT: the universe is the venue's; a listed symbol's snapshot is that symbol's, from this
/// venue, not from the future; a symbol the venue does not list fails with <see cref="VenueErrorKind.InvalidSymbol"/>
/// (never a bare exception or an empty snapshot); a venue that is down before any data lets its <see cref="VenueException"/> through.
/// </summary>
public abstract class MarketDataContract
{
    protected static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A market over a venue listing <paramref name="symbols"/>, with its clock at <see cref="Now"/>.</summary>
    protected abstract IMarketData Create(params string[] symbols);

    /// <summary>Makes the venue behind <paramref name="market"/> fail every call with <paramref name="failure"/>.</summary>
    protected abstract void FailVenue(IMarketData market, VenueException failure);

    [Fact]
    public async Task GetUniverse_TheVenuesSymbols()
    {
        var universe = await Create("BTCUSDT", "ETHUSDT").GetUniverseAsync(CancellationToken.None);

        Assert.Equal(["BTCUSDT", "ETHUSDT"], universe.Select(c => c.Symbol.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetSnapshot_ListedSymbol_ThatSymbolFromThisVenueNotFromTheFuture()
    {
        var market = Create("BTCUSDT", "ETHUSDT");

        var snapshot = await market.GetSnapshotAsync(new Symbol("ETHUSDT"), CancellationToken.None);

        Assert.Equal(new Symbol("ETHUSDT"), snapshot.Symbol);
        Assert.Equal(market.VenueName, snapshot.Venue);
        Assert.False(string.IsNullOrEmpty(market.VenueName));
        Assert.InRange(snapshot.DataTime, DateTimeOffset.MinValue, Now);
    }

    [Fact]
    public async Task GetSnapshot_SymbolTheVenueDoesNotList_InvalidSymbol()
    {
        var market = Create("BTCUSDT", "ETHUSDT");

        var ex = await Assert.ThrowsAsync<VenueException>(() => market.GetSnapshotAsync(new Symbol("NOPEUSDT"), CancellationToken.None));

        Assert.Equal(VenueErrorKind.InvalidSymbol, ex.Kind);
    }

    [Fact]
    public async Task GetSnapshot_VenueDownBeforeAnyData_VenueExceptionPropagates()
    {
        var market = Create("BTCUSDT", "ETHUSDT");
        FailVenue(market, new VenueException("fake", VenueErrorKind.ServerError, "HTTP 503") { HttpStatus = 503 });

        var ex = await Assert.ThrowsAsync<VenueException>(() => market.GetSnapshotAsync(new Symbol("BTCUSDT"), CancellationToken.None));

        Assert.Equal(VenueErrorKind.ServerError, ex.Kind);
    }
}
