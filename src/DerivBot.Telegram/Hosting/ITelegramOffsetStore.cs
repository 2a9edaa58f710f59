using DerivBot.Application.Coordination;

namespace DerivBot.Telegram.Hosting;

/// <summary>
/// Remembers the highest update_id that was fully handled, so a restarted poller resumes after it and never handles
/// an update twice. The default keeps it in memory: after a restart the first getUpdates is sent without an offset and
/// Telegram redelivers only updates it never saw confirmed — and an update is confirmed (by the next call's offset)
/// only after it was handled, so nothing handled is redelivered unless the process died between handling and the
/// next poll. With a database (<see cref="StoredTelegramOffsetStore"/>, what the bot registers) the offset is shared,
/// so the instance that takes over polling starts after what the previous holder confirmed.
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

/// <summary>
/// The offset kept in the database as a shared cursor (<c>telegram-offset:&lt;bot id&gt;</c>), so a poller taking over
/// from a dead instance resumes after the last update that one handled instead of answering its last batches again.
/// </summary>
public sealed class StoredTelegramOffsetStore(ISharedCursorStore cursors, string botId) : ITelegramOffsetStore
{
    /// <summary>The cursor's name; the bot id is the public part of the token, before the colon.</summary>
    public string CursorName { get; } = "telegram-offset:" + botId;

    public Task<long?> GetLastHandledAsync(CancellationToken cancellationToken) => cursors.GetAsync(CursorName, cancellationToken);

    public Task SetLastHandledAsync(long updateId, CancellationToken cancellationToken) => cursors.AdvanceAsync(CursorName, updateId, cancellationToken);
}
