using Microsoft.Extensions.Options;

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

/// <summary>Start-up validation of <see cref="BinanceOptions"/>; every message names the configuration key.</summary>
internal sealed class BinanceOptionsValidator : IValidateOptions<BinanceOptions>
{
    public ValidateOptionsResult Validate(string? name, BinanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string p = BinanceOptions.SectionName + ":";

        CheckUrl(errors, p + nameof(BinanceOptions.FuturesRestUrl), options.FuturesRestUrl, ["http", "https"], "an absolute http(s) URL");
        CheckUrl(errors, p + nameof(BinanceOptions.SpotRestUrl), options.SpotRestUrl, ["http", "https"], "an absolute http(s) URL");
        if (CheckUrl(errors, p + nameof(BinanceOptions.FuturesStreamUrl), options.FuturesStreamUrl, ["ws", "wss"], "an absolute ws(s) URL") is { } stream)
        {
            var path = stream.AbsolutePath.TrimEnd('/');
            if (path.Length == 0 || path.EndsWith("/ws", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/stream", StringComparison.OrdinalIgnoreCase)
                || !string.IsNullOrEmpty(stream.Query))
            {
                errors.Add($"{p}{nameof(BinanceOptions.FuturesStreamUrl)} must be the routed market endpoint without a stream path or query (e.g. wss://fstream.binance.com/market); got '{options.FuturesStreamUrl}'");
            }
        }
        if (!(options.WeightBudgetShare > 0 && options.WeightBudgetShare <= 1))
        {
            errors.Add($"{p}{nameof(BinanceOptions.WeightBudgetShare)} must be greater than 0 and at most 1; got {options.WeightBudgetShare}");
        }
        Positive(errors, p + nameof(BinanceOptions.RequestTimeout), options.RequestTimeout);
        Positive(errors, p + nameof(BinanceOptions.StreamSilenceTimeout), options.StreamSilenceTimeout);
        Positive(errors, p + nameof(BinanceOptions.StreamRotateAfter), options.StreamRotateAfter);
        if (options.StreamRotateAfter >= TimeSpan.FromHours(24))
        {
            errors.Add($"{p}{nameof(BinanceOptions.StreamRotateAfter)} must be under 24:00:00 (Binance closes connections at 24 h); got {options.StreamRotateAfter}");
        }
        if (options.MaxRetries is < 0 or > 5)
        {
            errors.Add($"{p}{nameof(BinanceOptions.MaxRetries)} must be between 0 and 5; got {options.MaxRetries}");
        }
        NotNegative(errors, p + nameof(BinanceOptions.RetryBaseDelay), options.RetryBaseDelay);
        NotNegative(errors, p + nameof(BinanceOptions.MaxRateLimitWait), options.MaxRateLimitWait);
        NotNegative(errors, p + nameof(BinanceOptions.ReconnectBackoffMin), options.ReconnectBackoffMin);
        if (options.ReconnectBackoffMax < options.ReconnectBackoffMin)
        {
            errors.Add($"{p}{nameof(BinanceOptions.ReconnectBackoffMax)} must be at least {nameof(BinanceOptions.ReconnectBackoffMin)} ({options.ReconnectBackoffMin}); got {options.ReconnectBackoffMax}");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static Uri? CheckUrl(List<string> errors, string key, string? value, string[] schemes, string what)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return uri;
        }
        errors.Add($"{key} must be {what}; got '{value}'");
        return null;
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be positive; got {value}");
        }
    }

    private static void NotNegative(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{key} must not be negative; got {value}");
        }
    }
}
