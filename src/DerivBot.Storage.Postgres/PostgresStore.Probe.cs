using DerivBot.Application.Diagnostics;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore : IStoreProbe
{
    /// <summary>
    /// Reads the outbox summary. A pooled connection is fine here (unlike SQLite's file handle): a connection the server
    /// dropped fails on use, so a stopped server, a dropped database or refused connections all surface as an exception.
    /// </summary>
    public async Task<StoreProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 0");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await r.ReadAsync(cancellationToken).ConfigureAwait(false);
        var pending = checked((int)r.GetInt64(0));
        DateTimeOffset? oldest = r.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1));
        return new StoreProbeResult("Postgres", pending, oldest);
    }
}
