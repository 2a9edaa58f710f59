using DerivBot.Venues.Http;
using DerivBot.Venues.Streams;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Bybit;

/// <summary>Bybit v5 (linear USDT perpetuals) client settings. Section <c>Venues:Bybit</c>. No secrets: public market data only.</summary>
public sealed class BybitOptions
{
    public const string SectionName = "Venues:Bybit";

    /// <summary>REST base URL (absolute http/https). Default https://api.bybit.com.</summary>
    public string RestUrl { get; set; } = "https://api.bybit.com";

    /// <summary>Public linear WebSocket (ws/wss), used by the liquidation feed. Default wss://stream.bybit.com/v5/public/linear.</summary>
    public string StreamUrl { get; set; } = "wss://stream.bybit.com/v5/public/linear";

    /// <summary>Liquidation stream timing (<c>Venues:Bybit:Liquidations:PingInterval</c>, …).</summary>
    public LiquidationStreamOptions Liquidations { get; set; } = new();

    /// <summary>
    /// Longest one call may take, local rate-limit waits and retries included, so an unreachable Bybit costs a reply at
    /// most this long. Default: <c>Venues:RequestTimeout</c> when set, else 5 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = OptionChecks.DefaultRequestTimeout;

    /// <summary>Retries of a GET after a 5xx, within <see cref="RequestTimeout"/> (0–3). Default 1.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Delay before the first retry; doubled per attempt. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long the instrument list (funding interval per symbol, trading status) is reused before it is read again.
    /// Default 1 h: intervals change rarely and the overview must not pay for it every cycle.
    /// </summary>
    public TimeSpan InstrumentsMaxAge { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Start-up validation of <see cref="BybitOptions"/>; every message names the configuration key.</summary>
internal sealed class BybitOptionsValidator : IValidateOptions<BybitOptions>
{
    public ValidateOptionsResult Validate(string? name, BybitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string p = BybitOptions.SectionName + ":";
        OptionChecks.Url(errors, p + nameof(BybitOptions.RestUrl), options.RestUrl, ["http", "https"], "an absolute http(s) URL");
        OptionChecks.Url(errors, p + nameof(BybitOptions.StreamUrl), options.StreamUrl, ["ws", "wss"], "an absolute ws(s) URL");
        OptionChecks.Positive(errors, p + nameof(BybitOptions.RequestTimeout), options.RequestTimeout);
        OptionChecks.Range(errors, p + nameof(BybitOptions.MaxRetries), options.MaxRetries, 0, 3);
        OptionChecks.NotNegative(errors, p + nameof(BybitOptions.RetryBaseDelay), options.RetryBaseDelay);
        OptionChecks.Positive(errors, p + nameof(BybitOptions.InstrumentsMaxAge), options.InstrumentsMaxAge);
        options.Liquidations.Validate(errors, p + nameof(BybitOptions.Liquidations) + ":");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
