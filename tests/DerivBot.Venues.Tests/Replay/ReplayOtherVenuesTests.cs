using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Replay;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Venues.Tests.Replay;

/// <summary>
/// The shipped scenario carries Bybit and OKX liquidations of the cascade, derived by tools/scenario from the Binance
/// frames with the method docs/replay-scenario.md documents, in each venue's own stream format.
/// </summary>
public sealed class ReplayOtherVenuesTests
{
    /// <summary>tools/scenario/OtherVenueLiquidations.cs: size shares before the jitter, and OKX's contract values.</summary>
    private const decimal BybitShare = 0.45m, OkxShare = 0.30m;

    private static readonly Dictionary<string, (decimal Step, decimal OkxCoinsPerLot)> Units = new(StringComparer.Ordinal)
    {
        // Binance's (and Bybit's) quantity step in the symbol's units; one OKX lot (0.01 contract × ctVal) in the same units.
        ["BTCUSDT"] = (0.001m, 0.01m * 0.01m),
        ["ETHUSDT"] = (0.001m, 0.01m * 0.1m),
        ["SOLUSDT"] = (0.01m, 0.01m * 1m),
        ["1000PEPEUSDT"] = (1m, 0.01m * 10_000_000m / 1000m),
    };

    private static List<Liquidation> Binance()
    {
        var handler = new CollectingStreamHandler();
        foreach (var frame in ReplayData.Default.LiquidationFrames)
        {
            BinanceParsers.ParseStreamFrame(frame, handler);
        }
        return [.. handler.Liquidations];
    }

    [Fact]
    public void ShippedScenario_BybitAndOkxEvents_FollowTheDocumentedDerivation()
    {
        var binance = Binance();
        var others = ReplayData.Default.OtherVenueLiquidations;
        var bySymbol = binance.GroupBy(b => b.Symbol).ToDictionary(g => g.Key, g => g.OrderBy(b => b.Time).ToArray());

        var bybit = others.Where(l => l.Venue == VenueIds.Bybit).ToList();
        var okx = others.Where(l => l.Venue == VenueIds.Okx).ToList();
        Assert.Equal(binance.Count, bybit.Count); // every Binance event has a Bybit twin
        Assert.InRange(okx.Count, binance.Count * 55 / 100, binance.Count * 78 / 100); // about two in three
        Assert.Equal(others.Length, bybit.Count + okx.Count);
        Assert.True(others.Zip(others.Skip(1)).All(p => p.First.Time <= p.Second.Time));
        foreach (var l in others)
        {
            var (step, okxLot) = Units[l.Symbol.Value];
            var share = l.Venue == VenueIds.Bybit ? BybitShare : OkxShare;
            // Rounding: Bybit to the quantity step, OKX to 0.01 contract; both at least one step / lot.
            var tolerance = l.Venue == VenueIds.Bybit ? step : okxLot;
            var sources = bySymbol[l.Symbol];
            Assert.Contains(sources, b =>
                b.Side == l.Side
                && l.Time - b.Time >= TimeSpan.FromMilliseconds(50) && l.Time - b.Time <= TimeSpan.FromMilliseconds(949)
                && l.Price == b.Price // the Binance order price stands in for the bankruptcy price (p / bkPx)
                && l.Quantity >= (b.Quantity * share * 0.7m) - tolerance
                && l.Quantity <= Math.Max(tolerance, (b.Quantity * share * 1.3m) + tolerance));
        }
    }

    [Fact]
    public void ShippedScenario_CascadeHasBybitAndOkxEventsInEverySymbol()
    {
        var others = ReplayData.Default.OtherVenueLiquidations;
        var cascade = ReplayData.Default.Scenario;

        foreach (var symbol in cascade.Symbols)
        {
            foreach (var venue in new[] { VenueIds.Bybit, VenueIds.Okx })
            {
                Assert.Contains(others, l => l.Venue == venue && l.Symbol == symbol && l.Time >= cascade.CascadeStart && l.Time <= cascade.CascadeEnd);
            }
        }
        // Longs carry the flush on every venue, as on Binance.
        var inCascade = others.Where(l => l.Time >= cascade.CascadeStart && l.Time <= cascade.CascadeEnd).ToList();
        Assert.True(inCascade.Where(l => l.Side == PositionSide.Long).Sum(l => l.NotionalUsd) > 0.9m * inCascade.Sum(l => l.NotionalUsd));
    }
}
