using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>
/// Computes every signal for one symbol from a snapshot. Pure: no I/O, no clock (time is the <c>now</c> argument),
/// never throws on missing data (signals report <see cref="SignalStatus.InsufficientData"/> instead).
/// Data stamped after <c>now</c> is ignored, so a snapshot can be replayed "as of" an earlier instant.
/// The estimated liquidation levels are not part of the report (they are costlier); see <see cref="LiquidationLevels"/>.
/// </summary>
public static class SignalEngine
{
    public static SignalReport Compute(MarketSnapshot snapshot, DateTimeOffset now, SignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);

        var oi = OiSeries.From(snapshot.OpenInterest, now, options.OpenInterest.MaxStartGapFraction);
        // Every z-score window in one pass over the OI history.
        var horizons = options.Quadrant.EffectiveHorizons();
        oi.PrecomputeLast([.. OpenInterestSignals.ChangeWindows, .. horizons.Select(h => h.Window)]);
        var fundingSeries = FundingSeries.From(snapshot, now);

        var funding = FundingSignals.Compute(fundingSeries, now, options.Funding);
        var openInterest = OpenInterestSignals.Compute(snapshot, oi, options.OpenInterest);
        var quadrant = QuadrantModel.Evaluate(oi, fundingSeries, oi.Count - 1, fundingSeries.CurrentPer8h, options, horizons);
        var priceOi = PriceOiSignals.Compute(snapshot, oi, fundingSeries, now, options);
        var longShort = LongShortSignals.Compute(snapshot, now, options.LongShort);
        var rsi = RsiSignals.Compute(snapshot, now, options.Rsi, funding, longShort);
        var liquidations = LiquidationSignals.Compute(snapshot, now, options.Liquidations);
        var phase = MarketPhaseSignals.Compute(snapshot, oi, funding, now, options);

        return new SignalReport(
            snapshot.Venue, snapshot.Symbol, now, snapshot.DataTime, snapshot.IsStale(now),
            funding, openInterest, quadrant, priceOi, longShort, rsi, liquidations, phase);
    }
}
