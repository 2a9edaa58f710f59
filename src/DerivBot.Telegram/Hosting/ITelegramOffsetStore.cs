namespace DerivBot.Telegram.Hosting;

/// <summary>
/// Remembers the highest update_id that was fully handled, so a restarted poller resumes after it and never handles
/// an update twice. The default keeps it in memory: after a restart the first getUpdates is sent without an offset and
/// Telegram redelivers only updates it never saw confirmed — and an update is confirmed (by the next call's offset)
/// only after it was handled, so nothing handled is redelivered unless the process died between handling and the
/// next poll. A persistent implementation (storage) closes that window.
/// </summary>
public interface ITelegramOffsetStore
{
    /// <summary>The last handled update_id, or null when none is known.</summary>
    Task<long?> GetLastHandledAsync(CancellationToken cancellationToken);

    Task SetLastHandledAsync(long updateId, CancellationToken cancellationToken);
}

/// <summary>Process-lifetime offset store (the default).</summary>
public sealed class InMemoryTelegramOffsetStore : ITelegramOffsetStore
{
    private long _last = -1;

    public Task<long?> GetLastHandledAsync(CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _last);
        return Task.FromResult<long?>(last < 0 ? null : last);
    }

    public Task SetLastHandledAsync(long updateId, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _last, updateId);
        return Task.CompletedTask;
    }
}
