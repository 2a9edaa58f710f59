using DerivBot.Core.Hosting;
using DerivBot.Core.Ports;
using DerivBot.Venues.Aster;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Bybit;
using DerivBot.Venues.Okx;
using DerivBot.Venues.Gate;
using DerivBot.Venues.Hyperliquid;
using DerivBot.Venues.Deribit;
using DerivBot.Venues.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues;

/// <summary>Registers the venues: the enabled live adapters with a primary selector, or the shipped replay scenario. Section: Venues.</summary>
public static class VenuesServiceCollectionExtensions
{
    // { "Venues": { "Mode": "Live" | "Replay",
    //               "Enabled": ["Binance", "Bybit", "Okx", "Hyperliquid", "Gate", "Aster"], "Primary": ["Binance", "Bybit", "Okx"],
    //               "RequestTimeout": "00:00:05",
    //               "Binance": { ... }, "Hyperliquid": { "RestUrl": ... }, "Gate": { "RestUrl": ... }, "Aster": { "RestUrl": ... } } }
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
        var selection = VenueSelection.Read(configuration);
        IReadOnlyList<string> effectivePrimary = selection.Primary; // Live mode replaces it with the order actually used
        services.AddValidatedOptions<VenuesOptions, VenuesOptionsValidator>(configuration, VenuesOptions.SectionName)
            // Binding appends configured array items to a list's defaults; the effective lists are set here instead.
            .PostConfigure(o =>
            {
                o.Enabled = selection.Enabled.ToList();
                o.Primary = effectivePrimary.ToList();
            });
        services.TryAddSingleton(selection);
        var mode = modeText is null ? VenueMode.Live : Enum.Parse<VenueMode>(modeText, ignoreCase: true);
        return mode == VenueMode.Replay
            ? services.AddReplayVenue(configuration)
            : services.AddLiveVenues(configuration, selection, out effectivePrimary);
    }

    /// <summary>The mode <paramref name="configuration"/> selects (Live when unset or invalid — invalid fails in AddVenues).</summary>
    public static VenueMode ModeOf(IConfiguration configuration) =>
        Enum.TryParse<VenueMode>(configuration?["Venues:Mode"], ignoreCase: true, out var mode) ? mode : VenueMode.Live;

    private static IServiceCollection AddLiveVenues(this IServiceCollection services, IConfiguration configuration, VenueSelection selection,
        out IReadOnlyList<string> primaryOrder)
    {
        if (selection.IsEnabled(VenueIds.Binance))
        {
            services.AddBinanceVenueCore(configuration);
        }
        if (selection.IsEnabled(VenueIds.Bybit))
        {
            services.AddBybitVenue(configuration);
        }
        if (selection.IsEnabled(VenueIds.Okx))
        {
            services.AddOkxVenue(configuration);
        }
        if (selection.IsEnabled(VenueIds.Hyperliquid))
        {
            services.AddHyperliquidVenue(configuration);
        }
        if (selection.IsEnabled(VenueIds.Gate))
        {
            services.AddGateVenue(configuration);
        }
        if (selection.IsEnabled(VenueIds.Aster))
        {
            services.AddAsterVenue(configuration);
        }
        if (selection.IsEnabled(VenueIds.Deribit))
        {
            services.AddDeribitVenue(configuration);
        }

        // Primary order: enabled Venues:Primary entries that registered a full IMarketDataVenue under their key. When none
        // of them is enabled (Venues:Enabled = Gate, Aster), the enabled venues that can be primary serve in Enabled order.
        bool Registered(string id) => services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IMarketDataVenue) && Equals(d.ServiceKey, id));
        var primary = selection.Primary.Where(Registered).ToList();
        if (primary.Count == 0)
        {
            primary = selection.Enabled.Where(id => VenuesOptions.PrimaryCapable.Contains(id, StringComparer.Ordinal) && Registered(id)).ToList();
        }
        if (primary.Count == 0)
        {
            throw new OptionsValidationException(VenuesOptions.SectionName, typeof(VenuesOptions),
                [$"Venues:Enabled has no venue with full market data to serve as primary (Venues:Enabled: {string.Join(", ", selection.Enabled.Select(VenueDisplay.Of))}); enable one of {string.Join(", ", VenuesOptions.PrimaryCapable.Select(VenueDisplay.Of))} (Venues:Primary sets their order)"]);
        }
        primaryOrder = primary;
        services.TryAddSingleton(sp => new PrimaryVenueSelector(
            primary.Select(id => sp.GetRequiredKeyedService<IMarketDataVenue>(id)).ToList(),
            sp.GetRequiredService<ILogger<PrimaryVenueSelector>>()));
        services.AddSingleton<IMarketDataVenue>(sp => sp.GetRequiredService<PrimaryVenueSelector>());
        // Only Binance has a market stream today; it feeds the store only while Binance is the answering primary.
        if (primary[0] == VenueIds.Binance)
        {
            services.TryAddSingleton<BinanceMarketStream>();
            services.AddSingleton<IMarketStream>(sp => new PrimaryStream(sp.GetRequiredService<BinanceMarketStream>(), sp.GetRequiredService<PrimaryVenueSelector>()));
        }
        // Liquidation-only streams of the other enabled venues: they add events to the merged flow whatever the primary
        // is (they never carry mark prices). They need IWatchedSymbols (the market store) to know what to subscribe.
        if (selection.IsEnabled(VenueIds.Bybit))
        {
            services.AddSingleton<IMarketStream, Bybit.BybitLiquidationStream>();
        }
        if (selection.IsEnabled(VenueIds.Okx))
        {
            services.AddSingleton<IMarketStream, Okx.OkxLiquidationStream>();
        }
        if (selection.IsEnabled(VenueIds.Gate))
        {
            services.AddSingleton<IMarketStream, Gate.GateLiquidationPoller>();
        }
        return services;
    }
}
