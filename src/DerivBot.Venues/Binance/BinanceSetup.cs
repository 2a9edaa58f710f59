using DerivBot.Core.Ports;
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

    public static IServiceCollection AddBinanceVenue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<BinanceOptions>()
            .Bind(configuration.GetSection(BinanceOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BinanceOptions>, BinanceOptionsValidator>());

        services.AddHttpClient(HttpClientName, client =>
            {
                // Timeouts are ours (per attempt, on the injected clock); HttpClient's own would fire on the wall clock.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("DerivBot/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The venue is a singleton holding one client: recycle pooled connections so DNS changes are seen.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<BinanceMarketDataVenue>(sp => new BinanceMarketDataVenue(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<BinanceOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BinanceMarketDataVenue>>()));
        services.AddSingleton<IMarketDataVenue>(sp => sp.GetRequiredService<BinanceMarketDataVenue>());
        services.AddSingleton<BinanceMarketStream>();
        services.AddSingleton<IMarketStream>(sp => sp.GetRequiredService<BinanceMarketStream>());
        return services;
    }
}
