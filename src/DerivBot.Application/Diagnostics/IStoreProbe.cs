namespace DerivBot.Application.Diagnostics;

/// <summary>
/// Proves the database answers: a fresh connection (not a pooled one that may outlive a deleted file or a dead server)
/// reads the outbox summary. Implemented by each store; <c>/readyz</c>, <c>/health</c> and the outbox gauges use it.
/// </summary>
public interface IStoreProbe
{
    /// <summary>Reads the outbox summary over a new connection; throws when the database cannot be reached or read.</summary>
    Task<StoreProbeResult> ProbeAsync(CancellationToken cancellationToken);
}

/// <param name="Provider">"Sqlite" or "Postgres", for the report.</param>
/// <param name="OutboxPending">Messages waiting to be sent (all platforms).</param>
/// <param name="OldestPendingCreatedAt">When the oldest pending message was enqueued, or null when none is pending.</param>
public sealed record StoreProbeResult(string Provider, int OutboxPending, DateTimeOffset? OldestPendingCreatedAt);
