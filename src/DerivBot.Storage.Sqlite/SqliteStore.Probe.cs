using DerivBot.Application.Diagnostics;

namespace DerivBot.Storage;

public sealed partial class SqliteStore : IStoreProbe
{
    /// <summary>Reads the outbox summary over a new connection that cannot create the file (see <see cref="SqliteDatabase.OpenProbeAsync"/>).</summary>
    public async Task<StoreProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenProbeAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 0");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await r.ReadAsync(cancellationToken).ConfigureAwait(false);
        var pending = r.GetInt32(0);
        DateTimeOffset? oldest = r.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1));
        return new StoreProbeResult("Sqlite", pending, oldest);
    }
}
