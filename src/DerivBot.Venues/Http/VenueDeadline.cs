using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

/// <summary>
/// Bounds one whole venue call (all of its requests, waits and retries) by <c>Venues:RequestTimeout</c>, so an
/// unreachable or slow venue costs a reply at most that long. Running out becomes a <see cref="VenueErrorKind.Timeout"/>
/// naming the venue; cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal static class VenueDeadline
{
    public static async Task<T> RunAsync<T>(string venue, TimeSpan timeout, TimeProvider time, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new VenueException(venue, VenueErrorKind.Timeout,
                $"{venue}: no answer within {timeout.TotalSeconds:0.#} s (Venues:RequestTimeout)", ex);
        }
        catch (VenueException ex) when (ex.Kind != VenueErrorKind.Timeout && !cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            // A transport that maps its own cancellation (e.g. "did not answer within") still means our deadline passed.
            throw new VenueException(venue, VenueErrorKind.Timeout,
                $"{venue}: no answer within {timeout.TotalSeconds:0.#} s (Venues:RequestTimeout)", ex);
        }
    }
}
