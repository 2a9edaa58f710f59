using System.Data.Common;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Persistence;

/// <summary>The chat row as both stores select it (alias <c>c</c>), and the per-chat mute list.</summary>
public static class ChatRows
{
    /// <summary>Columns of a chat row, in the order <see cref="Read"/> expects them (prefix <c>c.</c>).</summary>
    public const string Columns = "c.platform, c.chat_id, c.thread_id, c.language, c.time_zone, c.active, c.quiet_start, c.quiet_end";

    /// <summary>The chat of <see cref="Columns"/> starting at column <paramref name="offset"/>.</summary>
    public static ChatSettings Read(DbDataReader r, int offset)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ChatSettings(
            r.Address(offset),
            DbValues.Language(r.GetString(offset + 3)),
            r.GetString(offset + 4),
            r.GetBoolean(offset + 5),
            r.TimeOnlyOrNull(offset + 6),
            r.TimeOnlyOrNull(offset + 7));
    }

    /// <summary>A mute row (<c>symbol, until</c>); the empty symbol mutes the whole chat.</summary>
    public static Subscriptions.Mute ReadMute(DbDataReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = r.GetString(0);
        return new Subscriptions.Mute(s.Length == 0 ? null : new Core.Markets.Symbol(s), r.Time(1));
    }
}
