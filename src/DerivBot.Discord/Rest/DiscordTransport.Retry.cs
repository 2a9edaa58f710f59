using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DerivBot.Discord.Rest;

/// <summary>The retry policy of the transport layer: what is transient, how often and how long apart, what is logged.</summary>
internal static partial class DiscordTransport
{
    /// <summary>Retries after the first attempt of one request (so at most 4 attempts).</summary>
    public const int MaxTransientRetries = 3;

    /// <summary>First retry delay; doubles per retry, with jitter.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(1);

    private static readonly HttpRequestOptionsKey<string> RouteName = new("DerivBot.Discord.Route");

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
