namespace DerivBot.Core.Markets;

/// <summary>Open interest at one instant.</summary>
/// <param name="Contracts">Open interest in contracts (base-asset units on Binance USDⓈ-M).</param>
/// <param name="ValueUsd">Notional in USD(T); for the live <c>openInterest</c> endpoint this is contracts × mark price.</param>
public readonly record struct OpenInterestPoint(DateTimeOffset Time, decimal Contracts, decimal ValueUsd);

/// <summary>Which Binance long/short statistic a <see cref="RatioPoint"/> belongs to.</summary>
public enum RatioKind
{
    /// <summary>All accounts, by account count (<c>globalLongShortAccountRatio</c>).</summary>
    GlobalAccounts,
    /// <summary>Top 20 % traders by margin, by account count (<c>topLongShortAccountRatio</c>).</summary>
    TopTraderAccounts,
    /// <summary>Top traders by position size (<c>topLongShortPositionRatio</c>).</summary>
    TopTraderPositions,
}

/// <summary>A long/short statistic. <paramref name="LongShare"/> + <paramref name="ShortShare"/> ≈ 1; Ratio = long / short.</summary>
public readonly record struct RatioPoint(DateTimeOffset Time, decimal Ratio, decimal LongShare, decimal ShortShare);

/// <summary>Taker buy/sell volume over one period (base-asset units).</summary>
public readonly record struct TakerVolumePoint(DateTimeOffset Time, decimal BuySellRatio, decimal BuyVolume, decimal SellVolume);
