using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions.Ports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Subscriptions;

/// <summary>What one digest run did.</summary>
/// <param name="Due">Subscriptions that were due.</param>
/// <param name="Renders">Query commands dispatched: one per distinct (symbol, report, language).</param>
/// <param name="Enqueued">Outbox messages written (duplicates by idempotency key are not counted).</param>
public sealed record DigestRunResult(int Due, int Renders, int Enqueued);

/// <summary>
/// Sends due digests: renders each distinct (symbol, report, language, time zone) once by dispatching the equivalent query command
/// in that language, then fans the reply out to every chat that wants it by writing outbox rows in the same transaction
/// that advances each subscription. A digest more than <see cref="JobsOptions.LateAfter"/> behind is marked late, and
/// the schedule jumps to the next due time after now, so downtime yields at most one catch-up digest per subscription.
/// </summary>
public sealed class DigestService
{
    /// <summary>How many deliveries one transaction writes.</summary>
    internal const int BatchSize = 500;

    private static readonly TimeSpan RenderRetry = TimeSpan.FromMinutes(1);

    private readonly ISubscriptionStore _store;
    private readonly ICommandDispatcher _dispatcher;
    private readonly IOutboxSignal _signal;
    private readonly IOptionsMonitor<JobsOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<DigestService> _logger;
    private readonly SubscriptionTexts _texts = SubscriptionTexts.Instance;

    public DigestService(ISubscriptionStore store, ICommandDispatcher dispatcher, IOutboxSignal signal, IOptionsMonitor<JobsOptions> options, TimeProvider clock, ILogger<DigestService> logger)
    {
        _store = store;
        _dispatcher = dispatcher;
        _signal = signal;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    public async Task<DigestRunResult> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var due = await _store.GetDueSubscriptionsAsync(now, cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return new DigestRunResult(0, 0, 0);
        }
        var lateAfter = _options.CurrentValue.LateAfter;
        var deliveries = new List<DigestDelivery>(due.Count);
        var renders = 0;
        foreach (var skipped in due.Where(d => !d.Chat.Active || d.Muted))
        {
            var zone = TimeZones.Find(skipped.Chat.TimeZone);
            deliveries.Add(new DigestDelivery(skipped.Subscription.Id, skipped.Subscription.NextDueAt, skipped.Subscription.Schedule.NextAfter(now, zone), []));
        }
        // One render per (symbol, report, language) — and per time zone, because a report shows times in the zone of
        // the chat it was rendered for; chats in different zones must not read another zone's clock.
        var groups = due.Where(d => d.Chat.Active && !d.Muted)
            .GroupBy(d => (d.Subscription.Symbol, d.Subscription.Kind, d.Chat.Language, Zone: TimeZones.Find(d.Chat.TimeZone).Id,
                // A recap reads the chat's own subscriptions and quiz scores: one render per chat.
                Chat: d.Subscription.Kind.IsPerChat() ? d.Chat.Address.ToString() : ""));
        foreach (var group in groups)
        {
            var (symbol, kind, language, _, _) = group.Key;
            CommandResult rendered;
            try
            {
                rendered = await RenderAsync(group.First().Chat.Address, symbol, kind, language, now, cancellationToken).ConfigureAwait(false);
                renders++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Rendering the {Kind} digest of {Symbol} ({Language}) failed; {Count} subscriptions retry in {Retry}",
                    kind, symbol, language.ToCode(), group.Count(), RenderRetry);
                foreach (var d in group)
                {
                    await _store.PostponeAsync(d.Subscription.Id, now + RenderRetry, cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            foreach (var d in group)
            {
                deliveries.Add(Deliver(d, rendered, now, lateAfter));
            }
        }
        var enqueued = 0;
        foreach (var batch in deliveries.Chunk(BatchSize))
        {
            enqueued += await _store.RecordDigestsAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        if (enqueued > 0)
        {
            _signal.Notify();
        }
        _logger.LogInformation("Digest run: {Due} due, {Renders} renders, {Enqueued} messages enqueued", due.Count, renders, enqueued);
        return new DigestRunResult(due.Count, renders, enqueued);
    }

    private Task<CommandResult> RenderAsync(ChatAddress anyChat, Symbol symbol, DigestKind kind, Language language, DateTimeOffset now, CancellationToken ct)
    {
        // A query command needs no permission; the chat address only tells the dispatcher where the reply would go.
        var request = new CommandRequest(anyChat, ChatKind.Channel, null, language, kind.QueryCommand(), kind.QueryArguments(symbol),
            _ => Task.FromResult(false), now);
        return _dispatcher.DispatchAsync(request, ct);
    }

    private DigestDelivery Deliver(DueSubscription due, CommandResult rendered, DateTimeOffset now, TimeSpan lateAfter)
    {
        var subscription = due.Subscription;
        var chat = due.Chat;
        var zone = TimeZones.Find(chat.TimeZone);
        var late = now - subscription.NextDueAt > lateAfter;
        var quiet = CommandParsing.InQuietHours(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), chat.QuietStart, chat.QuietEnd);
        var fireKey = subscription.NextDueAt.ToUnixTimeSeconds();
        var messages = rendered.Replies.Select((reply, i) =>
        {
            var report = late ? MarkLate(reply.Report, chat.Language, subscription.NextDueAt, zone) : reply.Report;
            return new OutboxDraft(chat.Address, OutboxKind.Digest, $"sub:{subscription.Id}:{fireKey}:{i}",
                new OutboundMessage(report, reply.Image, Silent: quiet));
        }).ToList();
        return new DigestDelivery(subscription.Id, subscription.NextDueAt, subscription.Schedule.NextAfter(now, zone), messages);
    }

    private Report MarkLate(Report report, Language language, DateTimeOffset dueAt, TimeZoneInfo zone) =>
        report with
        {
            Blocks = [new NoteBlock(_texts.Format(language, "digest.late", SubscriptionTexts.LocalTime(dueAt, zone))), .. report.Blocks],
        };
}
