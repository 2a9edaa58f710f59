using DerivBot.Application.Persistence;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    // Re-arming many rules is one statement in PostgreSQL (ANY of an array), a loop in one transaction in SQLite.
    public async Task RearmAsync(IReadOnlyCollection<long> ruleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        if (ruleIds.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE alert_rules SET armed = true WHERE id = ANY(@ids)", cancellationToken, ("ids", ruleIds.ToArray())).ConfigureAwait(false);
    }
}
