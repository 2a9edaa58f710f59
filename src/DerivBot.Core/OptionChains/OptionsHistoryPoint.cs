namespace DerivBot.Core.OptionChains;

/// <summary>One stored point of an asset's options positioning (the bot's own 90-day history).</summary>
/// <param name="PutCallOiRatio">Puts per call by open interest, all expiries.</param>
/// <param name="CallOiShare">Calls / (calls + puts) by open interest, fraction.</param>
/// <param name="AtmIv">Headline ATM implied volatility, fraction.</param>
public sealed record OptionsHistoryPoint(
    DateTimeOffset Time,
    decimal? PutCallOiRatio,
    decimal? PutCallVolumeRatio,
    decimal? CallOiShare,
    decimal? AtmIv,
    decimal? UnderlyingPrice);

/// <summary>What the perpetuals market says at the same instant (from the asset's perpetual snapshot), for the combined readings.</summary>
/// <param name="LongShortAccountRatio">Latest global long/short account ratio (longs per short), when known.</param>
/// <param name="FundingPer8h">Current (predicted, else last settled) funding, fraction per 8 h, when known.</param>
public sealed record OptionsMarketContext(decimal? LongShortAccountRatio, decimal? FundingPer8h)
{
    public static OptionsMarketContext None { get; } = new(null, null);
}
