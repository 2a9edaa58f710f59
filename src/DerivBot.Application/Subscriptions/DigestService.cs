using DerivBot.Application.Outbox;
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
/// Sends due digests: renders each distinct (symbol, report, language, time zone) once through <see cref="IDigestRenderer"/>
/// (the equivalent query command in that language), then fans the reply out to every chat that wants it by writing
/// outbox rows in the same transaction that advances each subscription. A digest more than
/// <see cref="JobsOptions.LateAfter"/> behind is marked late, and the schedule jumps to the next due time after now, so
/// downtime yields at most one catch-up digest per subscription.
/// <para>
/// A digest that cannot be rendered well (venue down, symbol not loaded, data older than
/// <see cref="JobsOptions.DigestMaxStaleness"/>) is not sent: it is retried with backoff (30 s, 1 m, 2 m … at most 15 m)
/// while its slot lasts (until the schedule's next due time). When the slot passes, the schedule moves on and the chat
/// gets one short "skipped: reason" line — at most once per outage (until a digest reaches it again).
/// </para>
/// </summary>
public sealed class DigestService
{
    /// <summary>How many deliveries one transaction writes.</summary>
    internal const int BatchSize = 500;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(15);

    private readonly ISubscriptionStore _store;
    private readonly IDigestRenderer _renderer;
    private readonly IOutboxSignal _signal;
    private readonly IOptionsMonitor<JobsOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<DigestService> _logger;
    private readonly SubscriptionTexts _texts;

    public DigestService(ISubscriptionStore store, IDigestRenderer renderer, IOutboxSignal signal, IOptionsMonitor<JobsOptions> options, TimeProvider clock, ILogger<DigestService> logger, ILocalizer localizer)
    {
        _texts = new SubscriptionTexts(localizer);
        _store = store;
        _renderer = renderer;
        _signal = signal;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The wait before retry number <paramref name="failures"/> + 1: 30 s doubling, at most 15 minutes.</summary>
    public static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * (1L << Math.Clamp(failures, 0, 10))));

    public async Task<DigestRunResult> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var due = await _store.GetDueSubscriptionsAsync(now, cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return new DigestRunResult(0, 0, 0);
        }
        foreach (var d in due)
        {
            Diagnostics.DerivBotMetrics.DigestLag(d.Subscription.NextDueAt, now);
        }
        var lateAfter = _options.CurrentValue.LateAfter;
        var deliveries = new List<DigestDelivery>(due.Count);
        var renders = 0;
        var notices = 0;
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
            DigestRender rendered;
            try
            {
                rendered = await _renderer.RenderAsync(new DigestRenderRequest(group.First().Chat.Address, symbol, kind, language, now), cancellationToken).ConfigureAwait(false);
                renders++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Rendering the {Kind} digest of {Symbol} ({Language}) failed", kind, symbol, language.ToCode());
                rendered = DigestRender.Fail(new DigestFailure(DigestFailureKind.Failed));
            }
            if (rendered.Result is not { } result)
            {
                notices += await PostponeOrSkipAsync(group.ToList(), rendered.Failure ?? new DigestFailure(DigestFailureKind.Failed), now, cancellationToken).ConfigureAwait(false);
                continue;
            }
            foreach (var d in group)
            {
                deliveries.Add(Deliver(d, result, now, lateAfter));
            }
        }
        var enqueued = 0;
        foreach (var batch in deliveries.Chunk(BatchSize))
        {
            enqueued += await _store.RecordDigestsAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        if (enqueued + notices > 0)
        {
            _signal.Notify();
        }
        _logger.LogInformation("Digest run: {Due} due, {Renders} renders, {Enqueued} messages enqueued, {Notices} skip notices", due.Count, renders, enqueued, notices);
        return new DigestRunResult(due.Count, renders, enqueued);
    }

    /// <summary>Retries each subscription later in its slot, or skips the slot (one notice per chat and outage). Returns notices enqueued.</summary>
    private async Task<int> PostponeOrSkipAsync(IReadOnlyList<DueSubscription> group, DigestFailure failure, DateTimeOffset now, CancellationToken ct)
    {
        var notices = 0;
        var postponed = 0;
        foreach (var d in group)
        {
            var subscription = d.Subscription;
            var zone = TimeZones.Find(d.Chat.TimeZone);
            var slot = d.Retry?.SlotDueAt ?? subscription.NextDueAt;
            var slotEnd = subscription.Schedule.NextAfter(slot, zone);
            var retryAt = now + RetryDelay(d.Retry?.Failures ?? 0);
            if (retryAt < slotEnd)
            {
                await _store.PostponeDigestAsync(subscription.Id, slot, retryAt, ct).ConfigureAwait(false);
                postponed++;
                continue;
            }
            var notice = d.OutageNoticed ? null : SkipNotice(d, failure, slot, now, zone);
            if (await _store.SkipDigestAsync(new DigestSkip(subscription.Id, subscription.Schedule.NextAfter(now, zone), notice), ct).ConfigureAwait(false))
            {
                notices++;
            }
        }
        var first = group[0].Subscription;
        _logger.LogWarning("The {Kind} digest of {Symbol} could not be rendered ({Failure}, venue {Venue}): {Postponed} postponed, {Skipped} skipped, {Notices} told",
            first.Kind, first.Symbol, failure.Kind, failure.Venue, postponed, group.Count - postponed, notices);
        return notices;
    }

    private OutboxDraft SkipNotice(DueSubscription due, DigestFailure failure, DateTimeOffset slot, DateTimeOffset now, TimeZoneInfo zone)
    {
        var language = due.Chat.Language;
        var venue = failure.Venue is { Length: > 0 } v ? Reports.ReportParts.VenueName(v) : "?";
        var reason = failure.Kind switch
        {
            DigestFailureKind.VenueDown => _texts.Format(language, "digest.skip.venue", venue),
            DigestFailureKind.SymbolUnavailable => _texts.Format(language, "digest.skip.symbol", due.Subscription.Symbol.Value),
            DigestFailureKind.Stale => _texts.Format(language, "digest.skip.stale", DigestSchedule.FormatDuration(RoundToMinutes(failure.Age ?? TimeSpan.Zero))),
            _ => _texts.Get(language, "digest.skip.failed"),
        };
        var line = _texts.Format(language, "digest.skipped", due.Subscription.Symbol.Value, _texts.KindName(language, due.Subscription.Kind),
            SubscriptionTexts.LocalTime(slot, zone), reason);
        var quiet = CommandParsing.InQuietHours(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), due.Chat.QuietStart, due.Chat.QuietEnd);
        var report = new Report(ReportKind.Digest, _texts.Get(language, "digest.skipped.title"), [ParagraphBlock.Of(line)], Tone: ReportTone.Warning);
        return new OutboxDraft(due.Chat.Address, OutboxKind.Digest, $"skip:{due.Subscription.Id}:{slot.ToUnixTimeSeconds()}", new OutboundMessage(report, Silent: quiet));
    }

    private static TimeSpan RoundToMinutes(TimeSpan age) => TimeSpan.FromMinutes(Math.Max(1, Math.Round(age.TotalMinutes)));

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
