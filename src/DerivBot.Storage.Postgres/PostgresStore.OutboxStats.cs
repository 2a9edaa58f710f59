using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<OutboxStats> GetStatsAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(c => OutboxStatements.GetStatsAsync(c, cancellationToken), cancellationToken);

    /// <summary>Why dropped messages were dropped, oldest first (for tests and operators).</summary>
    public Task<IReadOnlyList<(string IdempotencyKey, string Reason)>> GetDropReasonsAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(c => OutboxStatements.GetDropReasonsAsync(c, cancellationToken), cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => OutboxStatements.PruneAsync(c, before, cancellationToken), cancellationToken);
}
