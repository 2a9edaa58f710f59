using DerivBot.Application.Coordination;

namespace DerivBot.Testing;

/// <summary>
/// <see cref="ILeaderLock"/> in memory for tests, shared by any number of simulated instances (pass the same object to
/// each). Behaves like the real locks (see <see cref="LeaderLockContract"/>) and can also simulate what only a real
/// deployment does: <see cref="Lose"/> is the holder's connection dying (its lease reports lost, the name is free).
/// <see cref="Unavailable"/> makes attempts throw as with an unreachable database.
/// </summary>
public sealed class FakeLeaderLock : ILeaderLock
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Lease> _held = new(StringComparer.Ordinal);
    private int _attempts;

    /// <summary>When true, <see cref="TryAcquireAsync"/> throws (the store is unreachable).</summary>
    public bool Unavailable { get; set; }

    /// <summary>How many times <see cref="TryAcquireAsync"/> was called.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public bool IsHeld(string name)
    {
        lock (_gate)
        {
            return _held.ContainsKey(name);
        }
    }

    public Task<ILeaderLease?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _attempts);
        if (Unavailable)
        {
            throw new InvalidOperationException("FakeLeaderLock: the store is unavailable.");
        }
        lock (_gate)
        {
            if (_held.ContainsKey(name))
            {
                return Task.FromResult<ILeaderLease?>(null);
            }
            var lease = new Lease(this, name);
            _held[name] = lease;
            return Task.FromResult<ILeaderLease?>(lease);
        }
    }

    /// <summary>The holder of <paramref name="name"/> loses it, as when its connection dies; false if nobody held it.</summary>
    public bool Lose(string name)
    {
        Lease? lease;
        lock (_gate)
        {
            if (!_held.Remove(name, out lease))
            {
                return false;
            }
        }
        lease.Cancel();
        return true;
    }

    private void Release(Lease lease)
    {
        lock (_gate)
        {
            if (_held.TryGetValue(lease.Name, out var current) && ReferenceEquals(current, lease))
            {
                _held.Remove(lease.Name);
            }
        }
    }

    private sealed class Lease(FakeLeaderLock owner, string name) : ILeaderLease
    {
        private readonly CancellationTokenSource _lost = new();

        public string Name { get; } = name;

        public CancellationToken Lost => _lost.Token;

        public void Cancel() => _lost.Cancel();

        public async ValueTask DisposeAsync()
        {
            owner.Release(this);
            await _lost.CancelAsync().ConfigureAwait(false);
        }
    }
}
