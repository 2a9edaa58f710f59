using System.Data.Common;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Persistence;

/// <summary>Digest subscription rows as both stores select them (alias <c>s</c>, chats as <c>c</c>).</summary>
public static class SubscriptionRows
{
    /// <summary>Columns of a subscription row, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns = "s.id, s.symbol, s.kind, s.schedule, s.created_at, s.next_due_at, s.last_fired_at";

    /// <summary>
    /// The columns of a due subscription: <see cref="Columns"/>, <see cref="ChatRows.Columns"/>, muted (at the
    /// <c>@now</c> parameter), the retry slot and failures, whether the chat's outage was told.
    /// </summary>
    public const string DueColumns = $"""
        {Columns}, {ChatRows.Columns},
               EXISTS (SELECT 1 FROM mutes m WHERE m.chat_key = s.chat_key AND (m.symbol = s.symbol OR m.symbol = '') AND m.until > @now),
               s.retry_slot_at, s.retry_failures, c.digest_outage_noticed
        """;

    public static Subscription Read(DbDataReader r, ChatAddress chat)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new Subscription(r.GetInt64(0), chat, new Symbol(r.GetString(1)), (DigestKind)r.GetInt32(2), DigestSchedule.FromStorage(r.GetString(3)),
            r.Time(4), r.Time(5), r.TimeOrNull(6));
    }

    /// <summary>A row of <see cref="DueColumns"/>.</summary>
    public static DueSubscription ReadDue(DbDataReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var chat = ChatRows.Read(r, 7);
        var retry = r.IsDBNull(16) ? null : new DigestRetry(r.Time(16), r.GetInt32(17));
        return new DueSubscription(Read(r, chat.Address), chat, r.GetBoolean(15), retry, r.GetBoolean(18));
    }
}
