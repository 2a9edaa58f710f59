using DerivBot.Core.Markets;

namespace DerivBot.Venues.Bybit;

/// <summary>One row of <c>/v5/market/instruments-info?category=linear</c>.</summary>
/// <param name="BaseCoin">As Bybit names it, multiplier included (<c>1000PEPE</c>).</param>
/// <param name="FundingIntervalMinutes">Settlement interval in minutes (60/120/240/480), a JSON number on the wire.</param>
/// <param name="UpperFundingRate">Funding cap, fraction per interval, when sent.</param>
/// <param name="LowerFundingRate">Funding floor, fraction per interval, when sent.</param>
internal sealed record BybitInstrument(
    Symbol Symbol,
    string BaseCoin,
    string QuoteCoin,
    string ContractType,
    string Status,
    int FundingIntervalMinutes,
    decimal? UpperFundingRate,
    decimal? LowerFundingRate,
    DateTimeOffset LaunchTime)
{
    /// <summary>Trading USDT-margined linear perpetual: the only listings we read.</summary>
    public bool IsTradingUsdtPerpetual =>
        ContractType == "LinearPerpetual" && Status == "Trading" && QuoteCoin == "USDT";

    /// <summary>Whole hours, at least 1 (Bybit's intervals are whole hours; a 30-minute one would count as 1); 8 when unset.</summary>
    public int FundingIntervalHours => FundingIntervalMinutes <= 0
        ? 8
        : Math.Max(1, (int)Math.Round(FundingIntervalMinutes / 60m, MidpointRounding.AwayFromZero));
}

/// <summary>One row of <c>/v5/market/tickers</c>. Linear: <c>openInterest</c> and <c>volume24h</c> in base units of the
/// listing (1000PEPE units for 1000PEPEUSDT), <c>openInterestValue</c> and <c>turnover24h</c> in USDT.</summary>
/// <param name="Price24hPcnt">Fraction, 0.008047 = 0.8047 % (Bybit sends a fraction, unlike Binance's percent).</param>
/// <param name="FundingRate">Current/predicted rate, fraction per interval; null on spot.</param>
internal sealed record BybitTicker(
    Symbol Symbol,
    decimal LastPrice,
    decimal? MarkPrice,
    decimal? IndexPrice,
    decimal? Price24hPcnt,
    decimal? Volume24h,
    decimal? Turnover24h,
    decimal? OpenInterest,
    decimal? OpenInterestValue,
    decimal? FundingRate,
    DateTimeOffset? NextFundingTime);
