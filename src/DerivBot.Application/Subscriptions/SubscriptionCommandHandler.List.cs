using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Subscriptions;

public sealed partial class SubscriptionCommandHandler
{
    private async Task<Report> ListAsync(CommandRequest request, ChatSettings settings, Language language, CancellationToken ct)
    {
        var subscriptions = await _store.ListSubscriptionsAsync(request.Chat, ct).ConfigureAwait(false);
        var now = _clock.GetUtcNow();
        var mutes = await _store.ListMutesAsync(request.Chat, now, ct).ConfigureAwait(false);
        var zone = TimeZones.Find(settings.TimeZone);
        var blocks = new List<ReportBlock>
        {
            new FieldsBlock(
            [
                new ReportField(_texts.Get(language, "field.language"), settings.Language.ToCode()),
                new ReportField(_texts.Get(language, "field.timezone"), settings.TimeZone),
                new ReportField(_texts.Get(language, "field.quiet"), settings.QuietStart is { } qs && settings.QuietEnd is { } qe
                    ? qs.ToString("HH:mm", CultureInfo.InvariantCulture) + "–" + qe.ToString("HH:mm", CultureInfo.InvariantCulture)
                    : _texts.Get(language, "field.off")),
            ]),
        };
        if (subscriptions.Count == 0)
        {
            blocks.Add(new NoteBlock(_texts.Get(language, "subs.empty")));
        }
        else
        {
            blocks.Add(new ListBlock(subscriptions.Select(s => (IReadOnlyList<TextRun>)[new TextRun(_texts.Format(language, "subscribe.line", s.Id, s.Symbol,
                _texts.KindName(language, s.Kind), _texts.Describe(language, s.Schedule), SubscriptionTexts.LocalTime(s.NextDueAt, zone)))]).ToList()));
            blocks.Add(new NoteBlock(_texts.Format(language, "subscribe.count", subscriptions.Count, _limits.CurrentValue.MaxSubscriptionsPerChat)));
        }
        if (mutes.Count > 0)
        {
            blocks.Add(new HeadingBlock(_texts.Get(language, "subs.mutes")));
            blocks.Add(new ListBlock(mutes.Select(m => (IReadOnlyList<TextRun>)[new TextRun(_texts.Format(language, "subs.muteLine",
                m.Symbol?.Value ?? _texts.Get(language, "field.all"), SubscriptionTexts.LocalTime(m.Until, zone)))]).ToList()));
        }
        return new Report(ReportKind.Subscriptions, _texts.Get(language, "subs.title"), blocks);
    }
}
