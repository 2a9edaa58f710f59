using DerivBot.Core.Markets;

namespace DerivBot.Core.Ports;

/// <summary>One venue's listing of one asset at one instant, in units that add up across venues.</summary>
/// <param name="Venue">Venue id (<see cref="VenueIds"/>).</param>
/// <param name="Instrument">The venue's own name: <c>BTCUSDT</c>, <c>BTC-USDT-SWAP</c>, <c>BTC_USDT</c>, <c>kPEPE</c>.</param>
/// <param name="Asset">Canonical coin (<see cref="AssetNames"/>).</param>
/// <param name="MarkPrice">USD per ONE coin of <paramref name="Asset"/> (a 1000PEPE quote divided by 1000).</param>
/// <param name="FundingRate">Current/predicted rate, fraction per <paramref name="FundingIntervalHours"/> (0.0001 = 0.01 %); null when the venue did not send one.</param>
/// <param name="FundingIntervalHours">The listing's own settlement interval in hours (1 on Hyperliquid; 1/2/4/8 elsewhere).</param>
/// <param name="NextFundingTime">Next settlement, when known.</param>
/// <param name="OpenInterestCoins">Open interest in coins of <paramref name="Asset"/> (contracts × contract size × multiplier).</param>
/// <param name="OpenInterestUsd">Open interest in USD (coins × mark price unless the venue sends its own USD value).</param>
/// <param name="Volume24hUsd">24 h traded notional in USD, when the venue sends it.</param>
/// <param name="Time">When the venue produced the figures (or when we received them, if it sends no time).</param>
public sealed record VenueInstrumentStat(
    string Venue,
    string Instrument,
    string Asset,
    decimal MarkPrice,
    decimal? FundingRate,
    int FundingIntervalHours,
    DateTimeOffset? NextFundingTime,
    decimal OpenInterestCoins,
    decimal OpenInterestUsd,
    decimal? Volume24hUsd,
    DateTimeOffset Time);
