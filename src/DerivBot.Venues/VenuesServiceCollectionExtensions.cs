using DerivBot.Venues.Binance;
using DerivBot.Venues.Deribit;
using DerivBot.Venues.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues;

/// <summary>How the bot gets market data.</summary>
public enum VenueMode
{
    /// <summary>Binance USDⓈ-M over the network (the default for <c>run</c> and <c>ask</c>).</summary>
    Live,
    /// <summary>The shipped scenario, played back through the same parsers (<c>demo</c>, <c>ask --replay</c>).</summary>
    Replay,
}

/// <summary>Section <c>Venues</c>.</summary>
public sealed class VenuesOptions
{
    public const string SectionName = "Venues";

    /// <summary><c>Live</c> (default) or <c>Replay</c>.</summary>
    public VenueMode Mode { get; set; } = VenueMode.Live;
}

/// <summary>Registers the configured venue (Binance live or the shipped replay scenario). Section: Venues.</summary>
public static class VenuesServiceCollectionExtensions
{
    // { "Venues": { "Mode": "Live" | "Replay", "Binance": { ... } } }
    public static IServiceCollection AddVenues(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(VenuesOptions.SectionName);
        var modeText = section["Mode"];
        if (modeText is not null && !Enum.TryParse<VenueMode>(modeText, ignoreCase: true, out _))
        {
            throw new OptionsValidationException(VenuesOptions.SectionName, typeof(VenuesOptions),
                [$"Venues:Mode must be Live or Replay (was '{modeText}')."]);
        }
        services.AddOptions<VenuesOptions>().Bind(section);
        var mode = modeText is null ? VenueMode.Live : Enum.Parse<VenueMode>(modeText, ignoreCase: true);
        if (mode == VenueMode.Replay)
        {
            return services.AddReplayVenue(configuration);
        }
        // options branch (#12): Deribit options chains. The lead makes this conditional on "deribit" in Venues:Enabled.
        services.AddDeribitVenue(configuration);
        return services.AddBinanceVenue(configuration);
    }

    /// <summary>The mode <paramref name="configuration"/> selects (Live when unset or invalid — invalid fails in AddVenues).</summary>
    public static VenueMode ModeOf(IConfiguration configuration) =>
        Enum.TryParse<VenueMode>(configuration?["Venues:Mode"], ignoreCase: true, out var mode) ? mode : VenueMode.Live;
}
