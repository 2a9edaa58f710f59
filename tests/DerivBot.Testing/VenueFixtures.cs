using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>Five venues listing BTC with realistic, hand-checkable figures (each in its own units and interval).</summary>
public static class VenueFixtures
{
    /// <summary>
    /// Binance (8 h, +0.0100 %, 80,000 BTC), Bybit (8 h, +0.0080 %, 50,000 BTC), OKX (8 h, -0.0020 %, 30,000 BTC,
    /// listed as BTC-USDT-SWAP), Hyperliquid (1 h, +0.0015 %, 25,000 BTC, listed as BTC), Gate (4 h, +0.0060 %,
    /// 15,000 BTC, listed as BTC_USDT); mark 120,000 everywhere, volumes from $2 bn to $40 bn.
    /// </summary>
    public static IReadOnlyList<FakeVenueOverview> FiveVenues(TimeProvider time) =>
    [
        new FakeVenueOverview(VenueIds.Binance, time).List("BTC", 120_000m, 0.0001m, 8, 80_000m, volume24hUsd: 40_000_000_000m, instrument: "BTCUSDT"),
        new FakeVenueOverview(VenueIds.Bybit, time).List("BTC", 120_010m, 0.00008m, 8, 50_000m, volume24hUsd: 15_000_000_000m, instrument: "BTCUSDT"),
        new FakeVenueOverview(VenueIds.Okx, time).List("BTC", 119_990m, -0.00002m, 8, 30_000m, volume24hUsd: 9_000_000_000m, instrument: "BTC-USDT-SWAP"),
        new FakeVenueOverview(VenueIds.Hyperliquid, time).List("BTC", 120_020m, 0.000015m, 1, 25_000m, volume24hUsd: 4_000_000_000m, instrument: "BTC"),
        new FakeVenueOverview(VenueIds.Gate, time).List("BTC", 120_000m, 0.00006m, 4, 15_000m, volume24hUsd: 2_000_000_000m, instrument: "BTC_USDT"),
    ];
}
