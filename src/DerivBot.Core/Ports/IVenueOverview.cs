using DerivBot.Core.Markets;

namespace DerivBot.Core.Ports;

/// <summary>Venue ids as they appear in configuration (<c>Venues:Enabled</c>), reports, JSON and storage (lower case).</summary>
public static class VenueIds
{
    public const string Binance = "binance";
    public const string Bybit = "bybit";
    public const string Okx = "okx";
    public const string Hyperliquid = "hyperliquid";
    public const string Gate = "gate";
    public const string Aster = "aster";
    public const string Deribit = "deribit";

    /// <summary>The perpetuals venues in their default display order.</summary>
    public static readonly IReadOnlyList<string> Perpetuals = [Binance, Bybit, Okx, Hyperliquid, Gate, Aster];
}

/// <summary>
/// The cross-venue view of one perpetuals venue: what the aggregation (<c>/venues</c>, aggregated OI, OI-weighted
/// funding) reads. One implementation per venue, beside that venue's <see cref="IMarketDataVenue"/> where it has one.
/// Failures surface as <see cref="VenueException"/> naming the venue; the caller treats that venue as missing and
/// carries on with the others.
/// </summary>
public interface IVenueOverview
{
    /// <summary>Venue id, one of <see cref="VenueIds"/>.</summary>
    string Name { get; }

    /// <summary>
    /// Current figures for the venue's USDT/USD(C)-margined linear perpetual of each asked asset (canonical names,
    /// <see cref="AssetNames"/>: <c>BTC</c>, <c>PEPE</c>), at most one row per asset. Venues with a bulk endpoint
    /// answer from one call whatever the number of assets; per-instrument calls are made only for the asked assets
    /// and only where the venue has no bulk form. Assets the venue does not list are simply absent.
    /// </summary>
    Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken);

    /// <summary>
    /// Open interest history of the venue's listing of <paramref name="asset"/>, oldest first, with
    /// <see cref="OpenInterestPoint.Contracts"/> in COINS of the canonical asset (multipliers and contract sizes applied)
    /// and <see cref="OpenInterestPoint.ValueUsd"/> in USD. Empty when the venue publishes no OI history.
    /// </summary>
    Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken);
}

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
