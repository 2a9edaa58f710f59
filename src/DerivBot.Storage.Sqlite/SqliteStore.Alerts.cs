using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    // Re-arming many rules is one statement in PostgreSQL (ANY of an array), a loop in one transaction in SQLite.
    public async Task RearmAsync(IReadOnlyCollection<long> ruleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        foreach (var id in ruleIds)
        {
            await c.ExecuteAsync(tx, "UPDATE alert_rules SET armed = 1 WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
