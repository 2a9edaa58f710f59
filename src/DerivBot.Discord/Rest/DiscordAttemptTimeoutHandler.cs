namespace DerivBot.Discord.Rest;

/// <summary>
/// Ends one HTTP attempt (answer and body) after <see cref="DiscordOptions.RequestTimeout"/> with a
/// <see cref="TimeoutException"/>, which the transport retry above it treats like a 5xx. It sits under the resilience
/// handler because HttpClient.Timeout would bound all attempts together. The timeout runs on the wall clock, like the
/// socket it guards. The message names no URL (interaction tokens sit in request paths).
/// </summary>
internal sealed class DiscordAttemptTimeoutHandler(TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            var response = await base.SendAsync(request, cts.Token).ConfigureAwait(false);
            try
            {
                await response.Content.LoadIntoBufferAsync(cts.Token).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Discord HTTP attempt timed out after {timeout}", ex);
        }
    }
}
