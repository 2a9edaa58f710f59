namespace DerivBot.Application.Coordination;

/// <summary>
/// <see cref="ILeaderLock"/> for a single instance (the SQLite store: one process per database file). Names are held in
/// memory; a lease is lost only by releasing it, and the process dying releases everything with it.
/// </summary>
public sealed class InProcessLeaderLock : ILeaderLock
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Lease> _held = new(StringComparer.Ordinal);

    public Task<ILeaderLease?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
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

    private sealed class Lease(InProcessLeaderLock owner, string name) : ILeaderLease
    {
        private readonly CancellationTokenSource _lost = new();
        private int _disposed;

        public string Name { get; } = name;

        public CancellationToken Lost => _lost.Token;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
            owner.Release(this);
            // Not disposed: Lost stays readable (and cancelled) for whoever still holds the lease object.
            await _lost.CancelAsync().ConfigureAwait(false);
        }
    }
}
