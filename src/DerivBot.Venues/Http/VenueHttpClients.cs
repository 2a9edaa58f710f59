using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Venues.Http;

/// <summary>The named HttpClient every venue adapter uses: our own timeouts (on the injected clock), recycled connections.</summary>
internal static class VenueHttpClients
{
    public static void Add(IServiceCollection services, string name)
    {
        services.AddHttpClient(name, client =>
            {
                // Timeouts are ours (per request and per call, on the injected clock); HttpClient's would fire on the wall clock.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("DerivBot/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Venues are singletons holding one client: recycle pooled connections so DNS changes are seen.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
