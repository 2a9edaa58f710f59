namespace DerivBot.Venues.Gate;

/// <summary>Gate USDT-futures settings. Section <c>Venues:Gate</c>. No secrets: only public market data is read.</summary>
public sealed class GateOptions
{
    public const string SectionName = "Venues:Gate";

    /// <summary>API v4 base URL (absolute http/https), paths such as <c>/futures/usdt/tickers</c> are appended. Default https://api.gateio.ws/api/v4.</summary>
    public string RestUrl { get; set; } = "https://api.gateio.ws/api/v4";
}
