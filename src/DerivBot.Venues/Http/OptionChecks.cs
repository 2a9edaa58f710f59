using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DerivBot.Venues.Http;

/// <summary>Start-up checks shared by the venue option validators; every message names the configuration key.</summary>
internal static class OptionChecks
{
    /// <summary>The cross-venue default for one request (<c>Venues:RequestTimeout</c>) when nothing is configured.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(5);

    public static Uri? Url(List<string> errors, string key, string? value, string[] schemes, string what)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return uri;
        }
        errors.Add($"{key} must be {what}; got '{value}'");
        return null;
    }

    public static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be positive; got {value}");
        }
    }

    public static void NotNegative(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{key} must not be negative; got {value}");
        }
    }

    public static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be between {min} and {max}; got {value}");
        }
    }

    /// <summary>
    /// The request timeout a venue section inherits: its own <c>RequestTimeout</c> key wins; otherwise the shared
    /// <c>Venues:RequestTimeout</c> (a TimeSpan, e.g. <c>00:00:05</c>); otherwise null (keep the option's default).
    /// </summary>
    public static TimeSpan? InheritedRequestTimeout(IConfiguration configuration, IConfigurationSection venueSection)
    {
        if (venueSection["RequestTimeout"] is not null)
        {
            return null;
        }
        return TimeSpan.TryParse(configuration["Venues:RequestTimeout"], CultureInfo.InvariantCulture, out var shared) ? shared : null;
    }
}
