using DerivBot.Core.Signals;

namespace DerivBot.Core.OptionChains;

/// <summary>The options signal for one asset at one instant. Every ratio is null rather than infinite.</summary>
/// <param name="PutCallOiRatio">Σ put OI / Σ call OI over every live expiry.</param>
/// <param name="CallOiShare">Σ call OI / (Σ call OI + Σ put OI).</param>
/// <param name="NearestMonthly">The nearest expiry on the last Friday of its month.</param>
/// <param name="MaxPain">The nearest monthly expiry's max pain.</param>
/// <param name="MaxPainDistance">(underlying − max pain) / max pain: +0.05 = the price is 5 % above max pain.</param>
/// <param name="AtmIv">ATM IV of the nearest monthly expiry (else of the nearest expiry that has one), fraction.</param>
/// <param name="AtmIvChange">AtmIv minus the stored value at the start of the window (fraction points).</param>
/// <param name="PutCallChange">PutCallOiRatio minus the stored value at the start of the window.</param>
/// <param name="PutCallPercentile">Where the current ratio sits in the bot's own stored history.</param>
/// <param name="Reading">CallHeavy / PutHeavy / Balanced on the open-interest ratio; null without open interest.</param>
/// <param name="Flags">Reasons of the combined readings that hold (<c>options.hedging_longs_crowd</c>, <c>options.calls_vs_funding</c>).</param>
public sealed record OptionsSignal(
    SignalStatus Status,
    string Asset,
    DateTimeOffset Time,
    decimal? UnderlyingPrice,
    decimal CallOi,
    decimal PutOi,
    decimal? PutCallOiRatio,
    decimal? PutCallVolumeRatio,
    decimal? CallOiShare,
    IReadOnlyList<ExpiryStats> Expiries,
    IReadOnlyList<BucketStats> Buckets,
    ExpiryStats? NearestMonthly,
    decimal? MaxPain,
    decimal? MaxPainDistance,
    decimal? AtmIv,
    decimal? AtmIvChange,
    decimal? PutCallChange,
    PercentileRank? PutCallPercentile,
    OptionsReading? Reading,
    bool HedgingWhileLongsCrowd,
    bool CallsVsFundingConflict,
    IReadOnlyList<SignalReason> Flags,
    OptionsSignalOptions Thresholds,
    SignalReason Reason)
{
    public BucketStats? Bucket(OptionsBucket bucket) => Buckets.FirstOrDefault(b => b.Bucket == bucket);

    /// <summary>The point this signal adds to the history store.</summary>
    public OptionsHistoryPoint ToHistoryPoint() => new(Time, PutCallOiRatio, PutCallVolumeRatio, CallOiShare, AtmIv, UnderlyingPrice);
}
