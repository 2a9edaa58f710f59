using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Okx;

/// <summary>Registers the OKX venue. Configuration shape:
/// <c>{ "Venues": { "RequestTimeout": "00:00:05", "Okx": { "RestUrl": "https://www.okx.com",
/// "StreamUrl": "wss://ws.okx.com:8443/ws/v5/public" } } }</c>. Registers <see cref="OkxVenue"/> (singleton), an
/// <see cref="IVenueOverview"/>, and a keyed <see cref="IMarketDataVenue"/> under <see cref="VenueIds.Okx"/>; it does
/// NOT register the unkeyed <see cref="IMarketDataVenue"/> (primary-venue selection owns that).</summary>
public static class OkxSetup
{
    /// <summary>Name of the HttpClient the venue uses.</summary>
    public const string HttpClientName = "okx";

    public static IServiceCollection AddOkxVenue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        var section = configuration.GetSection(OkxOptions.SectionName);
        services.AddOptions<OkxOptions>()
            .Bind(section)
            .PostConfigure(o =>
            {
                if (OptionChecks.InheritedRequestTimeout(configuration, section) is { } shared)
                {
                    o.RequestTimeout = shared;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OkxOptions>, OkxOptionsValidator>());

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

        services.TryAddSingleton<OkxVenue>(sp => new OkxVenue(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<OkxOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OkxVenue>>()));
        services.AddSingleton<IVenueOverview>(sp => sp.GetRequiredService<OkxVenue>());
        services.AddKeyedSingleton<IMarketDataVenue>(VenueIds.Okx, (sp, _) => sp.GetRequiredService<OkxVenue>());
        return services;
    }
}
