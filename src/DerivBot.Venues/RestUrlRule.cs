using Microsoft.Extensions.Options;

namespace DerivBot.Venues;

/// <summary>The one rule for a venue base URL: absolute http(s). The message names the key.</summary>
internal static class RestUrlRule
{
    public static ValidateOptionsResult Check(string key, string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{key} must be an absolute http(s) URL; got '{value}'");
}
