using System.Data.Common;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Persistence;

/// <summary>The values of the outbox's <c>status</c> column, the same in both databases.</summary>
public enum OutboxRowStatus { Pending = 0, Sent = 1, Dropped = 2 }

/// <summary>Outbox rows as both stores read them (outbox <c>o</c> joined to its chat <c>c</c>) and the outbox summaries.</summary>
public static class OutboxRows
{
    /// <summary>Columns of an outbox item, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns = """
        o.id, c.platform, c.chat_id, c.thread_id, c.active, c.inactive_reason, o.kind, o.idempotency_key, o.report_json,
        o.image_name, o.image_png, o.image_alt, o.silent, o.attempts, o.created_at
        """;

    public static OutboxItem Read(DbDataReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var image = r.IsDBNull(9) ? null : new ChartImage(r.GetString(9), r.GetFieldValue<byte[]>(10), r.StringOrNull(11) ?? string.Empty);
        var message = new OutboundMessage(ReportJson.Deserialize(r.GetString(8)), image, r.GetBoolean(12));
        return new OutboxItem(r.GetInt64(0), r.Address(1), r.GetBoolean(4),
            r.StringOrNull(5), (OutboxKind)r.GetInt32(6), r.GetString(7), message, r.GetInt32(13), r.Time(14));
    }

    /// <summary>The counts per status, from <c>SELECT status, COUNT(*) FROM outbox GROUP BY status</c>.</summary>
    public static async Task<OutboxStats> ReadStatsAsync(DbConnection connection, CancellationToken ct)
    {
        var rows = await connection.QueryAsync(null, "SELECT status, COUNT(*) FROM outbox GROUP BY status",
            r => ((OutboxRowStatus)r.GetInt32(0), r.Count(1)), ct).ConfigureAwait(false);
        int pending = 0, sent = 0, dropped = 0;
        foreach (var (status, n) in rows)
        {
            switch (status)
            {
                case OutboxRowStatus.Pending: pending = n; break;
                case OutboxRowStatus.Sent: sent = n; break;
                default: dropped = n; break;
            }
        }
        return new OutboxStats(pending, sent, dropped);
    }

    /// <summary>Why dropped messages were dropped, oldest first (for tests and operators).</summary>
    public static async Task<IReadOnlyList<(string IdempotencyKey, string Reason)>> ReadDropReasonsAsync(DbConnection connection, CancellationToken ct) =>
        await connection.QueryAsync(null, "SELECT idempotency_key, status_reason FROM outbox WHERE status = 2 ORDER BY id",
            r => (r.GetString(0), r.StringOrNull(1) ?? string.Empty), ct).ConfigureAwait(false);

    /// <summary>The store probe's view: pending messages and the oldest one's creation time.</summary>
    public static async Task<(int Pending, DateTimeOffset? Oldest)> ReadPendingSummaryAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.Command(null, "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 0");
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await r.ReadAsync(ct).ConfigureAwait(false);
        return (r.Count(0), r.TimeOrNull(1));
    }
}
