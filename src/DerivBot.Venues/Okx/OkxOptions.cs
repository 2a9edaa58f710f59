using DerivBot.Venues.Http;
using DerivBot.Venues.Streams;
using Microsoft.Extensions.Options;

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

/// <summary>Start-up validation of <see cref="OkxOptions"/>; every message names the configuration key.</summary>
internal sealed class OkxOptionsValidator : IValidateOptions<OkxOptions>
{
    public ValidateOptionsResult Validate(string? name, OkxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string p = OkxOptions.SectionName + ":";
        OptionChecks.Url(errors, p + nameof(OkxOptions.RestUrl), options.RestUrl, ["http", "https"], "an absolute http(s) URL");
        OptionChecks.Url(errors, p + nameof(OkxOptions.StreamUrl), options.StreamUrl, ["ws", "wss"], "an absolute ws(s) URL");
        OptionChecks.Positive(errors, p + nameof(OkxOptions.RequestTimeout), options.RequestTimeout);
        OptionChecks.Range(errors, p + nameof(OkxOptions.MaxRetries), options.MaxRetries, 0, 3);
        OptionChecks.NotNegative(errors, p + nameof(OkxOptions.RetryBaseDelay), options.RetryBaseDelay);
        OptionChecks.Positive(errors, p + nameof(OkxOptions.InstrumentsMaxAge), options.InstrumentsMaxAge);
        OptionChecks.NotNegative(errors, p + nameof(OkxOptions.FundingMaxAge), options.FundingMaxAge);
        OptionChecks.Positive(errors, p + nameof(OkxOptions.WatchWindow), options.WatchWindow);
        OptionChecks.Range(errors, p + nameof(OkxOptions.MaxWatched), options.MaxWatched, 1, 500);
        OptionChecks.Range(errors, p + nameof(OkxOptions.DefaultWatched), options.DefaultWatched, 0, 50);
        options.Liquidations.Validate(errors, p + nameof(OkxOptions.Liquidations) + ":");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
