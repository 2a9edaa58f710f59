using DerivBot.Venues.Http;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Okx;

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
