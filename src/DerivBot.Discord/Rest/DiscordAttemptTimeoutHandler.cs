using DerivBot.Application.Http;

namespace DerivBot.Discord.Rest;

/// <summary>
/// Ends one HTTP attempt (answer and body) after <see cref="DiscordOptions.RequestTimeout"/> with a
/// <see cref="TimeoutException"/>, which the transport retry above it treats like a 5xx. It sits under the resilience
/// handler because HttpClient.Timeout would bound all attempts together. The message names no URL (interaction tokens
/// sit in request paths).
/// </summary>
internal sealed class DiscordAttemptTimeoutHandler(TimeSpan timeout) : AttemptTimeoutHandler
{
    protected override TimeSpan TimeoutFor(HttpRequestMessage request) => timeout;

    protected override Exception TimedOut(HttpRequestMessage request, TimeSpan timeout, OperationCanceledException cancelled) =>
        new TimeoutException($"Discord HTTP attempt timed out after {timeout}", cancelled);
}
