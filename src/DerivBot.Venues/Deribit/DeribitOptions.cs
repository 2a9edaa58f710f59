namespace DerivBot.Venues.Deribit;

/// <summary>Deribit public market data (options chains). Section <c>Venues:Deribit</c>. No secrets: only public methods are called.</summary>
public sealed class DeribitOptions
{
    public const string SectionName = "Venues:Deribit";

    /// <summary>JSON-RPC over HTTP base URL (absolute http/https, the <c>/api/v2</c> root). Default https://www.deribit.com/api/v2.</summary>
    public string RestUrl { get; set; } = "https://www.deribit.com/api/v2";

    /// <summary>Time allowed for one HTTP attempt (send + read the body). Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a 5xx or a timeout (0–5). Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay before a retry; doubled per attempt and jittered (×0.5–1.0). Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Our own cap on requests per second to Deribit's public API (1–20). Default 5. Deribit meters public calls in
    /// credits that refill at about 20 requests per second (apis.md B.4 [U]); we stay well under it.
    /// </summary>
    public int RequestsPerSecond { get; set; } = 5;

    /// <summary>
    /// Shortest time between two requests for the same currency; calls in between answer from the last response.
    /// Default and minimum 1 minute (the chain is summarised, not streamed).
    /// </summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the list of currencies (<c>public/get_currencies</c>) is kept. Default 1 h.</summary>
    public TimeSpan CurrenciesRefreshInterval { get; set; } = TimeSpan.FromHours(1);
}
