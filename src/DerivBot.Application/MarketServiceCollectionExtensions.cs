using DerivBot.Application.Market;
using DerivBot.Core.Hosting;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application;

/// <summary>Registers the in-memory market store and its refresher (IMarketData). Section: Market.</summary>
public static class MarketServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MarketStore"/> as a singleton (also as <see cref="IMarketData"/>), the stream hosted service,
    /// <see cref="MarketStreamHealth"/> and validated <see cref="MarketOptions"/>. Needs an <see cref="IMarketDataVenue"/>
    /// (and optionally an <see cref="IMarketStream"/>) from the venues area. <see cref="ILiquidationListener"/>s are
    /// picked up from DI. <see cref="MarketOptions.RefreshInterval"/> comes from <c>Jobs:RefreshInterval</c>.
    /// </summary>
    public static IServiceCollection AddMarketData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<MarketOptions, MarketOptionsValidator>(configuration, MarketOptions.Section)
            .Configure(o =>
            {
                var refresh = configuration["Jobs:RefreshInterval"];
                if (!string.IsNullOrWhiteSpace(refresh))
                {
                    o.RefreshInterval = TimeSpan.TryParse(refresh, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                        ? parsed
                        : TimeSpan.Zero; // rejected by the validator with a message naming Jobs:RefreshInterval
                }
            });
        services.TryAddSystemClock();
        services.TryAddSingleton<MarketStore>();
        services.TryAddSingleton<IMarketData>(sp => sp.GetRequiredService<MarketStore>());
        services.TryAddSingleton<IWatchedSymbols>(sp => sp.GetRequiredService<MarketStore>());
        services.TryAddSingleton(sp => sp.GetRequiredService<MarketStore>().StreamHealth);
        services.AddHostedService<MarketStreamService>();
        return services;
    }
}
