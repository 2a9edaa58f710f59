namespace DerivBot.Application.Coordination;

/// <summary>
/// A named lock that at most one holder has at a time across every instance sharing the same store (one process with
/// SQLite, every process on one PostgreSQL database). Used where exactly one instance may do something, e.g. call
/// Telegram's getUpdates. The lock is not re-entrant: a second <see cref="TryAcquireAsync"/> for a name this instance
/// already holds returns null like any other contender's.
/// </summary>
public interface ILeaderLock
{
    /// <summary>
    /// Tries once, without waiting, to take <paramref name="name"/>. Returns the lease, or null when someone else holds
    /// it (callers retry on their own schedule). Throws when the store cannot be reached at all.
    /// </summary>
    Task<ILeaderLease?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}

/// <summary>
/// A held <see cref="ILeaderLock"/>. Disposing it releases the lock. If the holder dies, the lock is released without it
/// (the PostgreSQL session ends; an in-process lock dies with the process).
/// </summary>
public interface ILeaderLease : IAsyncDisposable
{
    /// <summary>The lock's name.</summary>
    string Name { get; }

    /// <summary>
    /// Cancelled once the lease is no longer held: lost (the connection that holds it died or a periodic check no
    /// longer finds it) or released by <see cref="IAsyncDisposable.DisposeAsync"/>. Stop the guarded work when it fires;
    /// another instance may already hold the lock.
    /// </summary>
    CancellationToken Lost { get; }
}
