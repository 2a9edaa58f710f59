using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Rest;

/// <summary>
/// The HttpClient under <see cref="DiscordRestClient"/> and its one transport-retry layer, a resilience handler: a 5xx,
/// a connection failure or an attempt that outlives <see cref="DiscordOptions.RequestTimeout"/> is retried
/// <see cref="MaxTransientRetries"/> times with jittered exponential backoff on the injected clock. A 429 is NOT retried
/// here (the rate limiter in the client paces it, once), and what is still failing after the last retry goes back to
/// the caller, for a broadcast the durable outbox, which reschedules it. Retries happen inside the route's slot in the
/// client, so requests behind it on the same route keep their order.
/// </summary>
internal static partial class DiscordTransport
{
    public const string HttpClientName = "DerivBot.Discord";

    /// <summary>Registers the named client. Interaction tokens sit in request paths, so it carries no logging handlers.</summary>
    public static IServiceCollection AddDiscordHttpClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // attempts time out below
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // the pooled connection lifetime above already follows DNS changes
            .RemoveAllLoggers();
        client.AddResilienceHandler("transport", (pipeline, context) => Configure(pipeline, context.ServiceProvider.GetRequiredService<TimeProvider>(),
            context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordTransport))));
        // Added after the resilience handler, so it sits under it: each attempt gets its own timeout.
        client.AddHttpMessageHandler(sp => new DiscordAttemptTimeoutHandler(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.RequestTimeout));
        return services;
    }
}
