namespace DerivBot.Venues.Binance;

/// <summary>Binance USDⓈ-M client settings. Section <c>Venues:Binance</c>. No secrets: only public market data is read.</summary>
public sealed class BinanceOptions
{
    public const string SectionName = "Venues:Binance";

    /// <summary>USDⓈ-M futures REST base URL (absolute http/https). Default https://fapi.binance.com.</summary>
    public string FuturesRestUrl { get; set; } = "https://fapi.binance.com";

    /// <summary>Spot REST base URL, used only for the 24 h spot tickers. Default https://api.binance.com.</summary>
    public string SpotRestUrl { get; set; } = "https://api.binance.com";

    /// <summary>
    /// Routed futures market-stream endpoint (ws/wss). Default wss://fstream.binance.com/market. The client appends
    /// <c>/stream?streams=…</c>; the unrouted form (no path, <c>/ws</c>, <c>/stream</c>) no longer carries mark prices.
    /// </summary>
    public string FuturesStreamUrl { get; set; } = "wss://fstream.binance.com/market";

    /// <summary>
    /// Fraction of the venue's request-weight limit we allow ourselves (0 &lt; x ≤ 1): 0.8 = 1920 of 2400 per minute on
    /// futures and 4800 of 6000 on spot. The rest is headroom for other users of the same IP.
    /// </summary>
    public double WeightBudgetShare { get; set; } = 0.8;

    /// <summary>Time allowed for one HTTP attempt (send + read the body) or one WebSocket connect. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of an idempotent GET after a 5xx or a timeout (0–5). Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay before a retry; doubled per attempt and jittered (×0.5–1.0). Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Longest a request may wait for a local rate-limit window (weight budget, 500/5 min funding cap, 1000/5 min
    /// <c>/futures/data</c> cap) before failing fast with RateLimited. Default 65 s: one full minute window plus slack.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(65);

    /// <summary>No frame for this long means the connection is dead; it is closed and reopened. Default 30 s
    /// (the mark-price stream sends every second, so a healthy connection is never this quiet).</summary>
    public TimeSpan StreamSilenceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect proactively after this long, before Binance cuts every connection at 24 h. Default 23 h.</summary>
    public TimeSpan StreamRotateAfter { get; set; } = TimeSpan.FromHours(23);

    /// <summary>First reconnect delay after a failure; doubled per consecutive failure and jittered. Default 1 s.</summary>
    public TimeSpan ReconnectBackoffMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest reconnect delay. Default 60 s.</summary>
    public TimeSpan ReconnectBackoffMax { get; set; } = TimeSpan.FromSeconds(60);
}
