namespace DerivBot.Core.Signals;

/// <summary>Price × OI regimes and funding/OI divergences. Section <c>Signals:PriceOi</c>.</summary>
public sealed class PriceOiOptions
{
    /// <summary>Window for the price and OI changes. Default 4 h.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Absolute price change below which price counts as unchanged: fraction, 0.005 = 0.5 %. Default 0.005.</summary>
    public decimal PriceMoveMin { get; set; } = 0.005m;

    /// <summary>Absolute OI change below which OI counts as unchanged: fraction, 0.01 = 1 %. Default 0.01.</summary>
    public decimal OiMoveMin { get; set; } = 0.01m;

    /// <summary>Funding at or below which it is "low" for the bottoming divergence: fraction per 8 h, 0.00005 = 0.005 %. Default 0.00005.</summary>
    public decimal LowFundingPer8h { get; set; } = 0.00005m;
}
