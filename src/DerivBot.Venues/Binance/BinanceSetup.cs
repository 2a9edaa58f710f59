using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Binance;

/// <summary>Registers the live Binance venue. Configuration shape:
/// <c>{ "Venues": { "Binance": { "FuturesRestUrl": "https://fapi.binance.com", "SpotRestUrl": "https://api.binance.com",
/// "FuturesStreamUrl": "wss://fstream.binance.com/market", "WeightBudgetShare": 0.8, "RequestTimeout": "00:00:10" } } }</c></summary>
public static class BinanceSetup
{
    /// <summary>Name of the HttpClient the venue uses.</summary>
    public const string HttpClientName = "binance";

    /// <summary>
    /// Binance as THE venue: everything of <see cref="AddBinanceVenueCore"/> plus the un-keyed
    /// <see cref="IMarketDataVenue"/> and the <see cref="IMarketStream"/>. <c>AddVenues</c> uses the core and a primary selector instead.
    /// </summary>
    public static IServiceCollection AddBinanceVenue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBinanceVenueCore(configuration);
        services.AddSingleton<IMarketDataVenue>(sp => sp.GetRequiredService<BinanceMarketDataVenue>());
        services.AddBinanceStream();
        return services;
    }

    /// <summary>
    /// Options (validated at start), the HttpClient, the concrete <see cref="BinanceMarketDataVenue"/>, its
    /// <see cref="IVenueOverview"/> and a keyed <see cref="IMarketDataVenue"/> under <see cref="VenueIds.Binance"/>.
    /// </summary>
    public static IServiceCollection AddBinanceVenueCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVenueOptions<BinanceOptions, BinanceOptionsValidator>(configuration, BinanceOptions.SectionName);
        return services
            .AddVenueSingleton(HttpClientName, (sp, http) => new BinanceMarketDataVenue(
                BinanceParsers.Venue,
                BinanceHttp.FuturesWeightPerMinute,
                http,
                sp.GetRequiredService<IOptions<BinanceOptions>>().Value,
                sp.GetRequiredService<IOptions<VenuesOptions>>().Value.RequestTimeout,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BinanceMarketDataVenue>>(),
                Random.Shared.NextDouble))
            .AddVenueOverview<BinanceMarketDataVenue>()
            .AddKeyedMarketDataVenue<BinanceMarketDataVenue>(VenueIds.Binance);
    }

    /// <summary>The all-market mark-price + liquidation stream as the <see cref="IMarketStream"/>.</summary>
    internal static IServiceCollection AddBinanceStream(this IServiceCollection services)
    {
        services.TryAddSingleton<BinanceMarketStream>();
        services.AddSingleton<IMarketStream>(sp => sp.GetRequiredService<BinanceMarketStream>());
        return services;
    }
}
