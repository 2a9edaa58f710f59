using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Study;

/// <summary>One symbol's week, computed from its snapshot.</summary>
/// <param name="QuadrantChanges">State changes sampled every <see cref="RecapCommand.QuadrantStep"/>, oldest first.</param>
/// <param name="FundingHigh">Highest settled rate in the week (8 h-equivalent) and when.</param>
/// <param name="LargestCascade">The busiest <see cref="RecapCommand.CascadeBucket"/> of liquidations: start, USD, the side that dominated it.</param>
/// <param name="Check">The heatmap check over the week.</param>
public sealed record SymbolWeek(
    Symbol Symbol,
    IReadOnlyList<(DateTimeOffset Time, QuadrantState From, QuadrantState To)> QuadrantChanges,
    QuadrantState? Now,
    (decimal Rate, DateTimeOffset Time)? FundingHigh,
    (decimal Rate, DateTimeOffset Time)? FundingLow,
    (DateTimeOffset Start, decimal Usd, PositionSide Side)? LargestCascade,
    SweepCalibration Check);
