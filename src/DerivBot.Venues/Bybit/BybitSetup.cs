using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Bybit;

/// <summary>Registers the Bybit venue. Configuration shape:
/// <c>{ "Venues": { "RequestTimeout": "00:00:05", "Bybit": { "RestUrl": "https://api.bybit.com",
/// "StreamUrl": "wss://stream.bybit.com/v5/public/linear" } } }</c>. Registers <see cref="BybitVenue"/> (singleton), an
/// <see cref="IVenueOverview"/>, and a keyed <see cref="IMarketDataVenue"/> under <see cref="VenueIds.Bybit"/>; it does
/// NOT register the unkeyed <see cref="IMarketDataVenue"/> (primary-venue selection owns that).</summary>
public static class BybitSetup
{
    /// <summary>Name of the HttpClient the venue uses.</summary>
    public const string HttpClientName = "bybit";

    public static IServiceCollection AddBybitVenue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        var section = configuration.GetSection(BybitOptions.SectionName);
        services.AddOptions<BybitOptions>()
            .Bind(section)
            .PostConfigure(o =>
            {
                if (OptionChecks.InheritedRequestTimeout(configuration, section) is { } shared)
                {
                    o.RequestTimeout = shared;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BybitOptions>, BybitOptionsValidator>());

        services.AddHttpClient(HttpClientName, client =>
            {
                // Timeouts are ours (one deadline per call, on the injected clock).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("DerivBot/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's own handlers log every request at Information; the venue logs what matters (bans, retries).
            .RemoveAllLoggers();

        services.TryAddSingleton<BybitVenue>(sp => new BybitVenue(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<BybitOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BybitVenue>>()));
        services.AddSingleton<IVenueOverview>(sp => sp.GetRequiredService<BybitVenue>());
        services.AddKeyedSingleton<IMarketDataVenue>(VenueIds.Bybit, (sp, _) => sp.GetRequiredService<BybitVenue>());
        return services;
    }
}
