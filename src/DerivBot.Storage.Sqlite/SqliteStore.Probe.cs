using DerivBot.Application.Diagnostics;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

public sealed partial class SqliteStore : IStoreProbe
{
    /// <summary>Reads the outbox summary over a new connection that cannot create the file (see <see cref="SqliteDatabase.OpenProbeAsync"/>).</summary>
    public async Task<StoreProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenProbeAsync(cancellationToken).ConfigureAwait(false);
        var (pending, oldest) = await OutboxStatements.GetPendingSummaryAsync(c, cancellationToken).ConfigureAwait(false);
        return new StoreProbeResult("Sqlite", pending, oldest);
    }
}
