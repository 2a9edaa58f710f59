using DerivBot.Application.Coordination;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

public sealed partial class SqliteStore : ISharedCursorStore
{
    public async Task<long?> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ScalarAsync(null, "SELECT value FROM shared_cursors WHERE name = @name", cancellationToken, ("name", name)).ConfigureAwait(false) as long?;
    }

    public async Task AdvanceAsync(string name, long value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, """
            INSERT INTO shared_cursors (name, value) VALUES (@name, @value)
            ON CONFLICT (name) DO UPDATE SET value = MAX(value, excluded.value)
            """, cancellationToken, ("name", name), ("value", value)).ConfigureAwait(false);
    }
}
