using System.Data.Common;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Persistence;

/// <summary>The values of the outbox's <c>status</c> column, the same in both databases.</summary>
public enum OutboxRowStatus { Pending = 0, Sent = 1, Dropped = 2 }

/// <summary>Outbox rows as both stores read them (outbox <c>o</c> joined to its chat <c>c</c>).</summary>
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
}
