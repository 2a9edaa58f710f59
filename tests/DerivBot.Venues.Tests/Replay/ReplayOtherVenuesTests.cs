using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Replay;

namespace DerivBot.Venues.Tests.Replay;

/// <summary>The demo's Bybit and OKX liquidations are derived from the Binance cascade deterministically (docs/replay-scenario.md).</summary>
public sealed class ReplayOtherVenuesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 10, 10, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DeriveOtherVenues_SameInput_SameEventsWithinShareAndJitterBounds()
    {
        var binance = Enumerable.Range(0, 60)
            .Select(i => new Liquidation(new Symbol("BTCUSDT"), PositionSide.Long, 100_000m, 100_100m, 1m + i, T0.AddSeconds(i)))
            .ToList();

        var first = ReplayData.DeriveOtherVenues(binance);
        var second = ReplayData.DeriveOtherVenues(binance);

        Assert.Equal(first, second);
        var bybit = first.Where(l => l.Venue == VenueIds.Bybit).ToList();
        var okx = first.Where(l => l.Venue == VenueIds.Okx).ToList();
        Assert.Equal(60, bybit.Count); // every event
        Assert.InRange(okx.Count, 25, 55); // about two in three
        Assert.True(first.Zip(first.Skip(1)).All(p => p.First.Time <= p.Second.Time));
        foreach (var l in first)
        {
            var source = binance.Last(b => b.Time < l.Time);
            var share = l.Venue == VenueIds.Bybit ? ReplayData.BybitShare : ReplayData.OkxShare;
            Assert.InRange(l.Time - source.Time, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(949));
            Assert.InRange(l.Quantity, Math.Round(source.Quantity * share * 0.7m, 6), Math.Round(source.Quantity * share * 1.3m, 6));
            Assert.Equal(source.AveragePrice, l.AveragePrice);
            Assert.Equal(source.Side, l.Side);
        }
    }

    [Fact]
    public void ShippedScenario_CascadeHasBybitAndOkxEvents()
    {
        var others = ReplayData.Default.OtherVenueLiquidations;

        Assert.Equal(ReplayData.Default.LiquidationTimes.Length, others.Count(l => l.Venue == VenueIds.Bybit));
        Assert.Contains(others, l => l.Venue == VenueIds.Okx && l.Symbol.Value == "BTCUSDT");
    }
}
