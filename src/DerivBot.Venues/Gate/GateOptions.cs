namespace DerivBot.Venues.Gate;

/// <summary>Gate USDT-futures settings. Section <c>Venues:Gate</c>. No secrets: only public market data is read.</summary>
public sealed class GateOptions
{
    public const string SectionName = "Venues:Gate";

    /// <summary>API v4 base URL (absolute http/https), paths such as <c>/futures/usdt/tickers</c> are appended. Default https://api.gateio.ws/api/v4.</summary>
    public string RestUrl { get; set; } = "https://api.gateio.ws/api/v4";

    /// <summary>How often <c>/futures/usdt/liq_orders</c> is polled for each watched symbol (Gate has no public
    /// liquidation stream). Default 30 s; anything under 5 s is treated as 5 s.</summary>
    public TimeSpan LiquidationPollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
