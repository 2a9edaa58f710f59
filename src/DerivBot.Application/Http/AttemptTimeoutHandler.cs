namespace DerivBot.Application.Http;

/// <summary>
/// Bounds one HTTP attempt — the answer and its body — by <see cref="TimeoutFor"/>. A platform client puts it under its
/// retry layer because <c>HttpClient.Timeout</c> would bound all attempts together, and reads the body inside the
/// timeout because the libraries above read it after the handler returns. The timeout runs on the wall clock, like the
/// socket it guards. Subclasses say how long an attempt may take and what a timed-out attempt looks like to the layer
/// above (each platform's library expects its own exception); messages must never carry the URL, which holds tokens.
/// </summary>
public abstract class AttemptTimeoutHandler : DelegatingHandler
{
    /// <summary>How long this attempt may take, answer and body.</summary>
    protected abstract TimeSpan TimeoutFor(HttpRequestMessage request);

    /// <summary>The exception thrown when the attempt ran out of time (the caller's own token was not cancelled).</summary>
    protected abstract Exception TimedOut(HttpRequestMessage request, TimeSpan timeout, OperationCanceledException cancelled);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timeout = TimeoutFor(request);
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
            throw TimedOut(request, timeout, ex);
        }
    }
}
