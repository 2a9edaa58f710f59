using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Binance;

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
