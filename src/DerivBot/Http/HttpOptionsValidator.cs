using Microsoft.Extensions.Options;

namespace DerivBot.Host.Http;

/// <summary>Checks <c>Http:Listen</c> at start when the listener is on; the message names the key.</summary>
internal sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        return HttpOptions.ToUrl(options.Listen, out var error) is null
            ? ValidateOptionsResult.Fail($"Http:Listen must be host:port, e.g. 127.0.0.1:8080 or 0.0.0.0:8080: {error} (was \"{options.Listen}\").")
            : ValidateOptionsResult.Success;
    }
}
