namespace DerivBot.Core.OptionChains;

/// <summary>Which expiries a <see cref="BucketStats"/> sums (see docs/options.md).</summary>
public enum OptionsBucket
{
    /// <summary>The nearest expiry on a Friday (weekly, monthly or quarterly alike); dailies are not weeklies.</summary>
    NearestWeekly,
    /// <summary>The nearest expiry on the LAST Friday of its month.</summary>
    NearestMonthly,
    /// <summary>The nearest expiry on the last Friday of March, June, September or December.</summary>
    Quarterly,
    /// <summary>Every live expiry.</summary>
    All,
}

/// <summary>The articles' reading of the put/call open-interest ratio.</summary>
public enum OptionsReading
{
    CallHeavy,
    PutHeavy,
    Balanced,
}

/// <summary>One expiry's figures.</summary>
/// <param name="CallOi">Call open interest in coins.</param>
/// <param name="PutOi">Put open interest in coins.</param>
/// <param name="CallVolume">Call 24 h volume in coins (instruments without a volume count as 0).</param>
/// <param name="PutCallOiRatio">PutOi / CallOi; null when CallOi is 0 (0 when there are calls but no puts).</param>
/// <param name="PutCallVolumeRatio">PutVolume / CallVolume; null when CallVolume is 0.</param>
/// <param name="MaxPain">The strike at which option holders' total intrinsic value at expiry is smallest; null without open interest.</param>
/// <param name="AtmIv">Implied volatility at the money as a fraction (0.55 = 55 %), interpolated from the strikes around the underlying; null without marks.</param>
/// <param name="UnderlyingPrice">USD price used for this expiry (its forward when sent, else the index).</param>
public sealed record ExpiryStats(
    DateTimeOffset Expiry,
    decimal CallOi,
    decimal PutOi,
    decimal CallVolume,
    decimal PutVolume,
    decimal? PutCallOiRatio,
    decimal? PutCallVolumeRatio,
    decimal? MaxPain,
    decimal? AtmIv,
    decimal? UnderlyingPrice,
    bool IsFriday,
    bool IsMonthly,
    bool IsQuarterly);

/// <summary>A bucket's sums. <paramref name="Expiry"/> is null for <see cref="OptionsBucket.All"/> or when no expiry qualifies.</summary>
public sealed record BucketStats(OptionsBucket Bucket, DateTimeOffset? Expiry, decimal CallOi, decimal PutOi, decimal? PutCallOiRatio, decimal? PutCallVolumeRatio);
