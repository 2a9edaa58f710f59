using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>All signals for one symbol at one instant (<see cref="SignalEngine.Compute"/>).</summary>
/// <param name="IsStale">The snapshot was stale at <paramref name="ComputedAt"/> (see <see cref="MarketSnapshot.IsStale"/>).</param>
public sealed record SignalReport(
    string Venue,
    Symbol Symbol,
    DateTimeOffset ComputedAt,
    DateTimeOffset DataTime,
    bool IsStale,
    FundingSignal Funding,
    OpenInterestSignal OpenInterest,
    QuadrantSignal Quadrant,
    PriceOiSignal PriceOi,
    LongShortSignal LongShort,
    RsiSignal Rsi,
    LiquidationSignal Liquidations,
    MarketPhaseSignal Phase);
