using DerivBot.Venues.Http;
using DerivBot.Venues.Streams;

namespace DerivBot.Venues.Okx;

/// <summary>OKX v5 (USDT-margined SWAP) client settings. Section <c>Venues:Okx</c>. No secrets: public market data only.</summary>
public sealed class OkxOptions
{
    public const string SectionName = "Venues:Okx";

    /// <summary>REST base URL (absolute http/https). Default https://www.okx.com.</summary>
    public string RestUrl { get; set; } = "https://www.okx.com";

    /// <summary>Public WebSocket (ws/wss), used by the liquidation feed. Default wss://ws.okx.com:8443/ws/v5/public.</summary>
    public string StreamUrl { get; set; } = "wss://ws.okx.com:8443/ws/v5/public";

    /// <summary>Liquidation stream timing (<c>Venues:Okx:Liquidations:PingInterval</c>, …).</summary>
    public LiquidationStreamOptions Liquidations { get; set; } = new();

    /// <summary>
    /// Longest one call may take, local rate-limit waits and retries included. Default: <c>Venues:RequestTimeout</c>
    /// when set, else 5 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = OptionChecks.DefaultRequestTimeout;

    /// <summary>Retries of a GET after a 5xx, within <see cref="RequestTimeout"/> (0–3). Default 1.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Delay before the first retry; doubled per attempt. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the SWAP instrument list (ctVal, ctMult, state) is reused. Default 1 h.</summary>
    public TimeSpan InstrumentsMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long one instrument's <c>funding-rate</c> answer is reused (OKX has no bulk form, so each costs one call).
    /// Default 1 min: at most one call per instrument per refresh cycle. Never reused past its settlement time.
    /// </summary>
    public TimeSpan FundingMaxAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An instrument counts as watched (its funding is read for the bulk premium index) this long after the last
    /// per-symbol call or overview request about it. Default 30 min.
    /// </summary>
    public TimeSpan WatchWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most instruments whose funding the bulk premium index reads per cycle (most recently watched first). Default 50.</summary>
    public int MaxWatched { get; set; } = 50;

    /// <summary>
    /// The N most-traded USDT swaps (24 h USD volume from the bulk SWAP tickers, re-ranked every
    /// <see cref="InstrumentsMaxAge"/>) count as watched before anyone asks, so the first <c>/funding BTC</c> answered from
    /// OKX already has a predicted rate (0–50). Default 10. Used only when OKX serves the market store.
    /// </summary>
    public int DefaultWatched { get; set; } = 10;
}
