using DerivBot.Application.Diagnostics;
using DerivBot.Application.Persistence;

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
        var (pending, oldest) = await OutboxStatements.GetPendingSummaryAsync(c, cancellationToken).ConfigureAwait(false);
        return new StoreProbeResult("Postgres", pending, oldest);
    }
}
