using DerivBot.Core.Chat;

namespace DerivBot.Application.Alerts;

/// <summary>Held alerts of one chat ready to be summarised.</summary>
public sealed record HeldAlertBatch(long ChatKey, ChatSettings Chat, IReadOnlyList<HeldAlert> Alerts);

/// <param name="Reason"><c>quiet</c> or <c>cap</c>.</param>
public sealed record HeldAlert(long Id, DateTimeOffset HeldAt, string Reason, string Text);

/// <summary>Groups held-alert rows read in (chat key, id) order into one batch per chat — shared by every store.</summary>
public static class HeldAlertBatches
{
    /// <param name="rows">Rows ordered by chat key; a batch takes the chat settings of its first row.</param>
    public static IReadOnlyList<HeldAlertBatch> Group(IEnumerable<(long ChatKey, ChatSettings Chat, HeldAlert Alert)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var batches = new List<HeldAlertBatch>();
        long? currentKey = null;
        ChatSettings? chat = null;
        var alerts = new List<HeldAlert>();
        foreach (var (key, rowChat, alert) in rows)
        {
            if (key != currentKey)
            {
                if (currentKey is { } k && chat is not null)
                {
                    batches.Add(new HeldAlertBatch(k, chat, alerts));
                }
                currentKey = key;
                chat = rowChat;
                alerts = [];
            }
            alerts.Add(alert);
        }
        if (currentKey is { } last && chat is not null)
        {
            batches.Add(new HeldAlertBatch(last, chat, alerts));
        }
        return batches;
    }
}
