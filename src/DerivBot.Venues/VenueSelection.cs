using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues;

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
