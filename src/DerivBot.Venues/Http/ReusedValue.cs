namespace DerivBot.Venues.Http;

/// <summary>
/// A value read from a venue and reused for a while (an instrument list): one load at a time — callers arriving during
/// a load wait and take its result instead of asking the venue again — and reused while younger than the caller's
/// <c>maxAge</c> on the injected clock (zero or less: always read afresh).
/// </summary>
internal sealed class ReusedValue<T> : IDisposable
    where T : class
{
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Loaded? _loaded;

    public ReusedValue(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public async Task<T> GetAsync(TimeSpan maxAge, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (Fresh(Volatile.Read(ref _loaded), maxAge) is { } value)
        {
            return value;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Someone else may have loaded it while this call waited.
            if (Fresh(_loaded, maxAge) is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }
            var fresh = await load(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _loaded, new Loaded(fresh, _time.GetUtcNow()));
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private T? Fresh(Loaded? loaded, TimeSpan maxAge) =>
        loaded is not null && maxAge > TimeSpan.Zero && _time.GetUtcNow() - loaded.At < maxAge ? loaded.Value : null;

    private sealed record Loaded(T Value, DateTimeOffset At);
}
