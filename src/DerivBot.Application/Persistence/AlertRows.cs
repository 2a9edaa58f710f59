using System.Data.Common;
using DerivBot.Application.Alerts;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Persistence;

/// <summary>
/// Alert rule and held-alert rows as both stores select them (alias <c>a</c>). The threshold is a decimal, which each
/// database keeps its own way: the store passes <c>readDecimal</c>.
/// </summary>
public static class AlertRows
{
    /// <summary>Columns of a rule row, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns = "a.id, a.symbol, a.metric, a.direction, a.threshold, a.window_seconds, a.state, a.cooldown_seconds, a.repeat, a.armed, a.enabled, a.created_at, a.last_fired_at";

    public static AlertRule Read(DbDataReader r, ChatAddress chat, Func<DbDataReader, int, decimal> readDecimal)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(readDecimal);
        return new AlertRule(
            r.GetInt64(0), chat, new Symbol(r.GetString(1)),
            new AlertCondition((AlertMetric)r.GetInt32(2), (AlertDirection)r.GetInt32(3), readDecimal(r, 4),
                r.IsDBNull(5) ? null : TimeSpan.FromSeconds(r.GetInt64(5)),
                r.IsDBNull(6) ? null : (QuadrantState)r.GetInt32(6)),
            TimeSpan.FromSeconds(r.GetInt64(7)), r.GetBoolean(8), r.GetBoolean(9), r.GetBoolean(10),
            r.Time(11), r.TimeOrNull(12));
    }

    /// <summary>A row of <see cref="Columns"/>, <see cref="ChatRows.Columns"/> and the "muted" flag.</summary>
    public static WatchedRule ReadWatched(DbDataReader r, Func<DbDataReader, int, decimal> readDecimal)
    {
        ArgumentNullException.ThrowIfNull(r);
        var chat = ChatRows.Read(r, 13);
        return new WatchedRule(Read(r, chat.Address, readDecimal), chat, r.GetBoolean(21));
    }

    /// <summary>Columns of a held alert with its chat, in the order <see cref="ReadHeld"/> expects them (alias <c>h</c>).</summary>
    public const string HeldColumns = "h.id, h.held_at, h.reason, h.text, h.chat_key, " + ChatRows.Columns;

    /// <summary>A row of <see cref="HeldColumns"/>, as <see cref="HeldAlertBatches.Group"/> takes it.</summary>
    public static (long ChatKey, ChatSettings Chat, HeldAlert Alert) ReadHeld(DbDataReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return (r.GetInt64(4), ChatRows.Read(r, 5), new HeldAlert(r.GetInt64(0), r.Time(1), r.GetString(2), r.GetString(3)));
    }
}
