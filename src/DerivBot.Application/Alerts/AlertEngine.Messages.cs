using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Alerts;

/// <summary>What the chat reads: the fired alert's message and the summary of held alerts.</summary>
public sealed partial class AlertEngine
{
    /// <summary>Quadrant states are ids in the evaluation; the chat reads them in its language ("去槓桿", not "Deleveraging").</summary>
    private string ObservedText(AlertRule rule, AlertObservation observation, Core.Localization.Language language) =>
        rule.Condition.Metric == AlertMetric.Quadrant && Enum.TryParse<Core.Signals.QuadrantState>(observation.ValueText, out var state)
            ? _texts.Get(language, "state." + state)
            : observation.Venues.Count > 0 ? LiquidationText(observation, language) : observation.ValueText;

    /// <summary>"$6.2M in 5 min — Bybit $2.8M · Binance $2.1M · OKX $1.3M": the merged total and the venues it came from.</summary>
    internal string LiquidationText(AlertObservation observation, Core.Localization.Language language) =>
        _texts.Format(language, "fired.liqSplit", observation.ValueText,
            string.Join(" · ", observation.Venues.Select(v => Reports.VenueDisplay.Name(v.Venue) + " " + SubscriptionTexts.Usd(v.Usd))));

    private Report BuildReport(AlertRule rule, ChatSettings chat, AlertObservation observation, string condition, string venue, DateTimeOffset now, TimeZoneInfo zone)
    {
        var language = chat.Language;
        var blocks = new List<ReportBlock>
        {
            new FieldsBlock(
            [
                new ReportField(_texts.Get(language, "fired.now"), ObservedText(rule, observation, language)),
                new ReportField(_texts.Get(language, "fired.rule"), "#" + rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]),
        };
        if (!rule.Repeat)
        {
            blocks.Add(new NoteBlock(_texts.Get(language, "fired.once")));
        }
        var footer = _texts.Format(language, "fired.footer", venue.Length == 0 ? "–" : venue, SubscriptionTexts.LocalTime(now, zone) + " " + chat.TimeZone);
        var actions = new[] { new ReportAction(_texts.Get(language, "fired.details"), AlertTextsExtensions.DetailsCommand(rule.Condition.Metric) + " " + rule.Symbol) };
        return new Report(ReportKind.AlertFired, _texts.Format(language, "fired.title", rule.Symbol, condition), blocks, footer, actions, ReportTone.Warning);
    }

    /// <summary>Summarises held alerts of chats whose quiet hours ended or whose hourly cap window passed. Returns summaries enqueued.</summary>
    public async Task<int> ReleaseHeldAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var batches = await _store.GetReleasableHeldAsync(now, cancellationToken).ConfigureAwait(false);
        var released = 0;
        foreach (var batch in batches)
        {
            var chat = batch.Chat;
            var zone = TimeZones.Find(chat.TimeZone);
            if (CommandParsing.InQuietHours(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), chat.QuietStart, chat.QuietEnd))
            {
                continue;
            }
            var language = chat.Language;
            var quiet = batch.Alerts.Any(a => a.Reason == "quiet");
            var title = quiet
                ? _texts.Format(language, "held.quietTitle", batch.Alerts.Count)
                : _texts.Format(language, "held.capTitle", batch.Alerts.Count);
            var blocks = new List<ReportBlock>
            {
                new ListBlock(batch.Alerts.Select(a => (IReadOnlyList<TextRun>)[new TextRun(a.Text)]).ToList()),
            };
            if (!quiet)
            {
                blocks.Add(new NoteBlock(_texts.Format(language, "held.capNote", _limits.CurrentValue.AlertsPerHour)));
            }
            var report = new Report(ReportKind.Digest, title, blocks, Tone: ReportTone.Warning);
            var key = $"held:{batch.ChatKey}:{batch.Alerts.Max(a => a.Id)}";
            if (await _store.ReleaseHeldAsync(batch, new OutboxDraft(chat.Address, OutboxKind.Summary, key, new OutboundMessage(report)), cancellationToken).ConfigureAwait(false))
            {
                released++;
            }
        }
        if (released > 0)
        {
            _signal.Notify();
        }
        return released;
    }
}
