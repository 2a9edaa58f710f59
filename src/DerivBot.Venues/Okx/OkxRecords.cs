using DerivBot.Core.Markets;

namespace DerivBot.Venues.Okx;

/// <summary>One SWAP of <c>/api/v5/public/instruments?instType=SWAP</c>.</summary>
/// <param name="CtVal">Contract value in <paramref name="CtValCcy"/> (BTC-USDT-SWAP: 0.01 BTC per contract).</param>
/// <param name="CtMult">Contract multiplier (1 for the USDT swaps; applied anyway).</param>
internal sealed record OkxInstrument(
    string InstId,
    string CtType,
    string CtValCcy,
    string SettleCcy,
    decimal CtVal,
    decimal CtMult,
    string State,
    DateTimeOffset ListTime)
{
    /// <summary>Live USDT-margined linear perpetual: the only listings we read.</summary>
    public bool IsLiveUsdtSwap => State == "live" && SettleCcy == "USDT" && CtType == "linear"
        && InstId.EndsWith("-USDT-SWAP", StringComparison.Ordinal);

    /// <summary>Coins of the canonical asset one contract stands for: ctVal × ctMult × the name's own multiplier (1 on OKX).</summary>
    public decimal CoinsPerContract => CtVal * (CtMult > 0 ? CtMult : 1m) * AssetNames.Parse(InstId).CoinsPerUnit;
}

/// <summary><c>/api/v5/market/tickers</c>. SWAP: <c>vol24h</c> in contracts, <c>volCcy24h</c> in coins; SPOT: <c>vol24h</c>
/// in base, <c>volCcy24h</c> in quote.</summary>
internal sealed record OkxTicker(string InstId, decimal Last, decimal? Open24h, decimal? Vol24h, decimal? VolCcy24h, DateTimeOffset Time);

/// <summary><c>/api/v5/public/open-interest</c>: <c>oi</c> contracts, <c>oiCcy</c> coins, <c>oiUsd</c> USD (not always sent).</summary>
internal sealed record OkxOpenInterest(string InstId, decimal Oi, decimal? OiCcy, decimal? OiUsd, DateTimeOffset Time);

/// <summary><c>/api/v5/public/funding-rate</c>.</summary>
/// <param name="FundingRate">Rate for the upcoming settlement at <paramref name="FundingTime"/>, fraction per interval.</param>
/// <param name="FundingTime">The NEXT settlement.</param>
/// <param name="NextFundingTime">The settlement after that; <c>NextFundingTime − FundingTime</c> is the interval.</param>
internal sealed record OkxFunding(string InstId, decimal FundingRate, DateTimeOffset FundingTime, DateTimeOffset? NextFundingTime, DateTimeOffset? Time)
{
    /// <summary>Whole hours between the two settlements (8 or 4, 2, 1); 8 when OKX sent no next time.</summary>
    public int IntervalHours => NextFundingTime is { } next && next > FundingTime
        ? Math.Max(1, (int)Math.Round((next - FundingTime).TotalHours, MidpointRounding.AwayFromZero))
        : 8;
}
