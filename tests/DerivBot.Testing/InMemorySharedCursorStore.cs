using System.Collections.Concurrent;
using DerivBot.Application.Coordination;

namespace DerivBot.Testing;

/// <summary>
/// <see cref="ISharedCursorStore"/> in memory, passing <see cref="SharedCursorStoreContract"/> like the SQLite and
/// PostgreSQL stores: unset = null, a cursor only moves forward, names are independent.
/// </summary>
public sealed class InMemorySharedCursorStore : ISharedCursorStore
{
    private readonly ConcurrentDictionary<string, long> _cursors = new(StringComparer.Ordinal);

    public Task<long?> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Task.FromResult<long?>(_cursors.TryGetValue(name, out var value) ? value : null);
    }

    public Task AdvanceAsync(string name, long value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _cursors.AddOrUpdate(name, value, (_, current) => Math.Max(current, value));
        return Task.CompletedTask;
    }
}
