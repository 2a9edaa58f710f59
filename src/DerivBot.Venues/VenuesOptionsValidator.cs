using Microsoft.Extensions.Options;

namespace DerivBot.Venues;

/// <summary>Start-up validation of <see cref="VenuesOptions"/> values; messages name the key.</summary>
internal sealed class VenuesOptionsValidator : IValidateOptions<VenuesOptions>
{
    public ValidateOptionsResult Validate(string? name, VenuesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RequestTimeout > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Venues:RequestTimeout must be positive; got {options.RequestTimeout}");
    }
}
