using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace DerivBot.Discord.Rest;

/// <summary>
/// The HttpClient under <see cref="DiscordRestClient"/> and its one transport-retry layer, a resilience handler: a 5xx,
/// a connection failure or an attempt that outlives <see cref="DiscordOptions.RequestTimeout"/> is retried
/// <see cref="MaxTransientRetries"/> times with jittered exponential backoff on the injected clock. A 429 is NOT retried
/// here (the rate limiter in the client paces it, once), and what is still failing after the last retry goes back to
/// the caller, for a broadcast the durable outbox, which reschedules it. Retries happen inside the route's slot in the
/// client, so requests behind it on the same route keep their order.
/// </summary>
internal static class DiscordTransport
{
    public const string HttpClientName = "DerivBot.Discord";

    /// <summary>Retries after the first attempt of one request (so at most 4 attempts).</summary>
    public const int MaxTransientRetries = 3;

    /// <summary>First retry delay; doubles per retry, with jitter.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(1);

    private static readonly HttpRequestOptionsKey<string> RouteName = new("DerivBot.Discord.Route");

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

    /// <summary>Tags <paramref name="request"/> with the route's name so retry logs can say which call it was (never its URL).</summary>
    public static void Name(HttpRequestMessage request, DiscordRoute route) => request.Options.Set(RouteName, route.Name);

    /// <summary>A 5xx answer, no answer at all, or an attempt that timed out; never a 429 or any other 4xx.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeProvider time, ILogger logger)
    {
        pipeline.TimeProvider = time;
        pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = MaxTransientRetries,
            Delay = RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            OnRetry = args =>
            {
                var route = args.Context.GetRequestMessage()?.Options.TryGetValue(RouteName, out var name) == true ? name : "request";
                var reason = args.Outcome.Exception?.GetType().Name ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}";
                logger.LogWarning("Discord {Route} failed transiently ({Reason}); retry {Attempt} of {Max} in {Delay}",
                    route, reason, args.AttemptNumber + 1, MaxTransientRetries, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        });
    }
}
