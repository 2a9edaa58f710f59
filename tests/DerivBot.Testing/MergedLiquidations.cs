using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>A snapshot whose liquidation book holds the merged flow of four venues, as the market store keeps it.</summary>
public static class MergedLiquidations
{
    /// <summary><see cref="SampleMarket.Snapshot"/> with, over the last day, Binance (null venue: the primary's own stream),
    /// Bybit, OKX and Gate events; a Bybit long of 12.5 units at 100 is the largest.</summary>
    public static MarketSnapshot Snapshot(Symbol symbol, DateTimeOffset now)
    {
        var events = new List<Liquidation>();
        string?[] venues = [null, VenueIds.Bybit, VenueIds.Okx, VenueIds.Gate];
        for (var i = 0; i < 96; i++)
        {
            var venue = venues[i % venues.Length];
            var side = i % 3 == 0 ? PositionSide.Short : PositionSide.Long;
            var qty = 1m + (i % 7);
            events.Add(new Liquidation(symbol, side, 100m + i * 0.01m, 100m + i * 0.01m, qty, now - TimeSpan.FromMinutes(15 * (96 - i)), venue));
        }
        events.Add(new Liquidation(symbol, PositionSide.Long, 100m, 100m, 12.5m, now - TimeSpan.FromMinutes(3), VenueIds.Bybit));
        return SampleMarket.Snapshot(symbol, seed: 11, days: 2, now: now) with { Liquidations = events.OrderBy(e => e.Time).ToArray() };
    }
}
