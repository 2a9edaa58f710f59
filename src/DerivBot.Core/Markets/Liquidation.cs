namespace DerivBot.Core.Markets;

/// <summary>The side of the position that was force-closed.</summary>
public enum PositionSide
{
    /// <summary>A long was liquidated (Binance order side SELL).</summary>
    Long,
    /// <summary>A short was liquidated (Binance order side BUY).</summary>
    Short,
}

/// <summary>A forced liquidation. Binance's all-market stream sends at most one per symbol per second, so sums are lower bounds.</summary>
public readonly record struct Liquidation(
    Symbol Symbol,
    PositionSide Side,
    decimal Price,
    decimal AveragePrice,
    decimal Quantity,
    DateTimeOffset Time,
    string? Venue = null)
{
    /// <summary>Filled quantity × average price, in USD(T). <see cref="Venue"/> is the venue id (<c>bybit</c>, <c>okx</c>);
    /// null means the primary venue's own stream.</summary>
    public decimal NotionalUsd => Quantity * (AveragePrice != 0 ? AveragePrice : Price);
}
