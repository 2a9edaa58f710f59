using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Deribit;

/// <summary>Registers the live Deribit options venue. Configuration shape:
/// <c>{ "Venues": { "Deribit": { "RestUrl": "https://www.deribit.com/api/v2", "RequestTimeout": "00:00:10", "RequestsPerSecond": 5 } } }</c></summary>
public static class DeribitSetup
{
    /// <summary>Name of the HttpClient the venue uses.</summary>
    public const string HttpClientName = "deribit";

    public static IServiceCollection AddDeribitVenue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DeribitOptions>()
            .Bind(configuration.GetSection(DeribitOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeribitOptions>, DeribitOptionsValidator>());

        services.AddHttpClient(HttpClientName, client =>
            {
                // Timeouts are ours (per attempt, on the injected clock).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("DerivBot/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton<DeribitOptionsVenue>(sp => new DeribitOptionsVenue(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<DeribitOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DeribitOptionsVenue>>()));
        services.TryAddSingleton<IOptionsVenue>(sp => sp.GetRequiredService<DeribitOptionsVenue>());
        return services;
    }
}
