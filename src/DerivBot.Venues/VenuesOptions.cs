using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues;

/// <summary>How the bot gets market data.</summary>
public enum VenueMode
{
    /// <summary>The enabled venues over the network (the default for <c>run</c> and <c>ask</c>).</summary>
    Live,
    /// <summary>The shipped scenario, played back through the same parsers (<c>demo</c>, <c>ask --replay</c>).</summary>
    Replay,
}

/// <summary>
/// Section <c>Venues</c>. Arrays are given as JSON arrays, as <c>Venues:Enabled:0</c>, <c>Venues:Enabled:1</c>, … (environment
/// <c>Venues__Enabled__0=Binance</c>) or as one comma-separated value; configured entries REPLACE the default list
/// (they are not appended to it). Names are case-insensitive. Keep <c>Enabled</c>/<c>Primary</c> out of
/// <c>appsettings.json</c>: configuration merges arrays by index, so a shorter environment array would only overwrite
/// the first entries of a file's array.
/// </summary>
public sealed class VenuesOptions
{
    public const string SectionName = "Venues";

    /// <summary>Venue names accepted in <see cref="Enabled"/> (Deribit is the options venue).</summary>
    public static readonly IReadOnlyList<string> KnownVenues = [.. VenueIds.Perpetuals, VenueIds.Deribit];

    /// <summary>Venues with a full <see cref="IMarketDataVenue"/> (klines, history, ratios) that can feed the market store.</summary>
    public static readonly IReadOnlyList<string> PrimaryCapable = [VenueIds.Binance, VenueIds.Bybit, VenueIds.Okx, VenueIds.Aster];

    /// <summary>Default of <see cref="Enabled"/>: every venue the bot knows — the perpetuals venues and Deribit for options.</summary>
    public static readonly IReadOnlyList<string> DefaultEnabled = KnownVenues;

    /// <summary>Default of <see cref="Primary"/>.</summary>
    public static readonly IReadOnlyList<string> DefaultPrimary = [VenueIds.Binance, VenueIds.Bybit, VenueIds.Okx];

    /// <summary><c>Live</c> (default) or <c>Replay</c>.</summary>
    public VenueMode Mode { get; set; } = VenueMode.Live;

    /// <summary>
    /// Venues to use (ids of <see cref="VenueIds"/>, case-insensitive). Default: Binance, Bybit, Okx, Hyperliquid, Gate,
    /// Aster. After start-up this holds the effective lower-case list.
    /// </summary>
    public IList<string> Enabled { get; set; } = [];

    /// <summary>
    /// Order in which venues are tried as the primary source of the market store. Default: Binance, Bybit, Okx. Entries
    /// not enabled are skipped; only Binance, Bybit, Okx and Aster may appear. After start-up this holds the effective
    /// (enabled) lower-case order.
    /// </summary>
    public IList<string> Primary { get; set; } = [];

    /// <summary>Longest one venue call may take (all its requests together): an unreachable venue costs a reply at most this. Default 00:00:05.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The effective venue lists, read from configuration once at registration; every error names its key.</summary>
/// <param name="Enabled">Lower-case venue ids, in configured order, without duplicates.</param>
/// <param name="Primary">Lower-case ids of enabled primary-capable venues, in <c>Venues:Primary</c> order.</param>
public sealed record VenueSelection(IReadOnlyList<string> Enabled, IReadOnlyList<string> Primary)
{
    public bool IsEnabled(string venue) => Enabled.Contains(venue, StringComparer.Ordinal);

    /// <summary>Reads <c>Venues:Enabled</c> and <c>Venues:Primary</c>; throws <see cref="OptionsValidationException"/> naming the key.</summary>
    public static VenueSelection Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(VenuesOptions.SectionName);
        var errors = new List<string>();
        var enabled = ReadList(section.GetSection(nameof(VenuesOptions.Enabled)), VenuesOptions.DefaultEnabled);
        var primary = ReadList(section.GetSection(nameof(VenuesOptions.Primary)), VenuesOptions.DefaultPrimary);
        var known = string.Join(", ", VenuesOptions.KnownVenues.Select(VenueDisplay.Of));

        foreach (var name in enabled.Where(n => !VenuesOptions.KnownVenues.Contains(n, StringComparer.Ordinal)))
        {
            errors.Add($"Venues:Enabled lists an unknown venue '{name}' (known: {known})");
        }
        foreach (var name in primary)
        {
            if (!VenuesOptions.KnownVenues.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"Venues:Primary lists an unknown venue '{name}' (known: {known})");
            }
            else if (!VenuesOptions.PrimaryCapable.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"Venues:Primary cannot list '{VenueDisplay.Of(name)}': only venues with full market data can be primary ({string.Join(", ", VenuesOptions.PrimaryCapable.Select(VenueDisplay.Of))})");
            }
        }
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(VenuesOptions.SectionName, typeof(VenuesOptions), errors);
        }
        // Not enabled is not an error: the entry is simply skipped.
        return new VenueSelection(enabled, primary.Where(enabled.Contains).ToList());
    }

    /// <summary>A configured array (children 0, 1, …) or comma-separated value REPLACES <paramref name="defaults"/>.</summary>
    private static List<string> ReadList(IConfigurationSection section, IReadOnlyList<string> defaults)
    {
        var items = section.Value is { } single
            ? single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : section.GetChildren()
                .OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue)
                .Select(c => c.Value?.Trim())
                .Where(v => !string.IsNullOrEmpty(v))
                .Select(v => v!)
                .ToArray();
        var list = items.Length == 0 ? defaults : items;
        return list.Select(v => v.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>Venue ids as people write them: <c>okx</c> → OKX, <c>binance</c> → Binance.</summary>
public static class VenueDisplay
{
    public static string Of(string venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return venue.ToLowerInvariant() switch
        {
            VenueIds.Okx => "OKX",
            "" => venue,
            var id => char.ToUpperInvariant(id[0]) + id[1..],
        };
    }
}

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

/// <summary>The one rule for a venue base URL: absolute http(s). The message names the key.</summary>
internal static class RestUrlRule
{
    public static ValidateOptionsResult Check(string key, string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{key} must be an absolute http(s) URL; got '{value}'");
}
