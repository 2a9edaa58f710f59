using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Deribit;

/// <summary>Start-up validation of <see cref="DeribitOptions"/>; every message names the configuration key.</summary>
internal sealed class DeribitOptionsValidator : IValidateOptions<DeribitOptions>
{
    public ValidateOptionsResult Validate(string? name, DeribitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string p = DeribitOptions.SectionName + ":";
        if (!Uri.TryCreate(options.RestUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"{p}{nameof(DeribitOptions.RestUrl)} must be an absolute http(s) URL such as https://www.deribit.com/api/v2; got '{options.RestUrl}'");
        }
        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{p}{nameof(DeribitOptions.RequestTimeout)} must be positive; got {options.RequestTimeout}");
        }
        if (options.MaxRetries is < 0 or > 5)
        {
            errors.Add($"{p}{nameof(DeribitOptions.MaxRetries)} must be between 0 and 5; got {options.MaxRetries}");
        }
        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            errors.Add($"{p}{nameof(DeribitOptions.RetryBaseDelay)} must not be negative; got {options.RetryBaseDelay}");
        }
        if (options.RequestsPerSecond is < 1 or > 20)
        {
            errors.Add($"{p}{nameof(DeribitOptions.RequestsPerSecond)} must be between 1 and 20; got {options.RequestsPerSecond}");
        }
        if (options.MinRefreshInterval < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{p}{nameof(DeribitOptions.MinRefreshInterval)} must be at least 00:01:00 (one call per currency per minute); got {options.MinRefreshInterval}");
        }
        if (options.CurrenciesRefreshInterval < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{p}{nameof(DeribitOptions.CurrenciesRefreshInterval)} must be at least 00:01:00; got {options.CurrenciesRefreshInterval}");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
