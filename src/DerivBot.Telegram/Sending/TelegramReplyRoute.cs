using System.Globalization;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram.Sending;

/// <summary>
/// How the answers to one update leave.
/// <list type="bullet">
/// <item>Polling: straight into the paced <see cref="TelegramSendQueue"/> in the reply lane, awaited, so the poller confirms
/// an update only after its answer went out (one instance polls; nothing to share).</item>
/// <item>Webhook: into the shared durable outbox (<see cref="IOutboxStore"/>), so behind a load balancer the answer is
/// sent exactly once by whichever instance drains it, survives this instance dying after the 200, and keeps its place
/// in the chat's order. The idempotency key is the update (chat + update_id + reply index): Telegram redelivering the
/// same update to another instance (after a timeout or a 5xx) does not answer twice. Enqueuing wakes this instance's
/// drainer at once.</item>
/// </list>
/// Without an outbox store in the container (tests of the adapter alone) webhook replies go the polling way.
/// </summary>
public sealed class TelegramReplyRoute(
    TelegramMessenger messenger,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramReplyRoute> logger,
    IOutboxStore? outbox = null,
    IOutboxSignal? signal = null)
{
    /// <summary>True when replies go through the durable outbox (webhook mode with a store).</summary>
    public bool Durable => options.Value.Mode == TelegramMode.Webhook && outbox is not null;

    /// <summary>The idempotency key of reply <paramref name="index"/> to update <paramref name="updateId"/> in <paramref name="chat"/>.</summary>
    public static string ReplyKey(ChatAddress chat, long updateId, string index)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return string.Create(CultureInfo.InvariantCulture, $"tg-reply:{chat.ChatId}:{updateId}:{index}");
    }

    /// <summary>Sends (polling) or durably enqueues (webhook) <paramref name="replies"/> to <paramref name="address"/>, in
    /// order. <paramref name="firstIndex"/> numbers them in the idempotency key (a callback's first reply may have been an
    /// edit). Failures are logged, not thrown, except cancellation and, in webhook mode, the store failing (so the
    /// webhook answers 500 and Telegram redelivers).</summary>
    public async Task DeliverAsync(ChatAddress address, long updateId, IReadOnlyList<OutboundMessage> replies, CancellationToken cancellationToken, int firstIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(replies);
        if (replies.Count == 0)
        {
            return;
        }
        if (Durable)
        {
            var now = time.GetUtcNow();
            for (var i = 0; i < replies.Count; i++)
            {
                var key = ReplyKey(address, updateId, (firstIndex + i).ToString(CultureInfo.InvariantCulture));
                await outbox!.EnqueueAsync(new OutboxDraft(address, OutboxKind.Reply, key, replies[i]), now, cancellationToken).ConfigureAwait(false);
            }
            signal?.Notify();
            return;
        }
        try
        {
            foreach (var reply in replies)
            {
                var result = await messenger.SendAsync(address, reply, cancellationToken).ConfigureAwait(false);
                if (result.Status != SendStatus.Sent)
                {
                    logger.LogWarning("Telegram reply to {Chat} not delivered: {Status} {Detail}", address, result.Status, result.Detail);
                    break;
                }
                if (result.MigratedTo is { } moved)
                {
                    address = moved;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Telegram reply to {Chat} failed", address);
        }
    }
}
