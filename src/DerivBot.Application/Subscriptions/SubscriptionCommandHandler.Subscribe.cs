using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Subscriptions;

public sealed partial class SubscriptionCommandHandler
{
    private async Task<Report> SubscribeAsync(CommandRequest request, ChatSettings settings, Language language, CancellationToken ct)
    {
        var tokens = CommandParsing.Tokenize(request.Arguments);
        var kindIndex = -1;
        var kind = DigestKind.Quadrant;
        var allSymbols = tokens.Count > 0 && CommandParsing.IsRecapWord(tokens[0]);
        if (allSymbols)
        {
            kind = DigestKind.Recap; // "/subscribe recap weekly sun 20:00": every symbol the chat subscribes to
            kindIndex = 0;
        }
        for (var i = 1; i < tokens.Count && !allSymbols; i++)
        {
            if (CommandParsing.TryParseKind(tokens[i], out kind))
            {
                kindIndex = i;
                break;
            }
        }
        if (kindIndex < 0)
        {
            return tokens.Count >= 2
                ? _texts.Error(language, _texts.Format(language, "error.unknownKind", tokens[1]), "subscribe")
                : _texts.Syntax(language, "subscribe");
        }
        var afterKind = kindIndex + 1;
        if (kind == DigestKind.Quiz && afterKind < tokens.Count && CommandParsing.TryParseQuizKind(tokens[afterKind], out var quizKind))
        {
            kind = quizKind; // "quiz venues daily 20:00": always that kind instead of the rotation
            afterKind++;
        }
        var scheduleTokens = tokens.Skip(afterKind).ToList();
        if (!CommandParsing.TryParseSchedule(scheduleTokens, out var schedule, out var given))
        {
            return _texts.Error(language, _texts.Format(language, "error.badSchedule", string.Join(' ', scheduleTokens)), "subscribe");
        }
        if (kind == DigestKind.FundingRecap && schedule.Kind == ScheduleKind.Weekly)
        {
            kind = DigestKind.Recap; // "/subscribe BTC recap weekly sun 20:00" is the weekly recap, not the settlement recap
        }
        var min = _jobs.CurrentValue.MinScheduleInterval;
        if (schedule.Kind == ScheduleKind.Interval && schedule.Interval < min)
        {
            return _texts.Error(language, _texts.Format(language, "error.tooFrequent", DigestSchedule.FormatDuration(min)), "subscribe");
        }
        IReadOnlyList<Symbol> symbols = [DigestKindExtensions.AllSymbols];
        Report? error = null;
        if (!allSymbols)
        {
            (symbols, error) = await CommandSupport.ResolveSymbolsAsync(_market, _texts, language, tokens.Take(kindIndex).ToList(), "subscribe", ct).ConfigureAwait(false);
        }
        if (error is not null)
        {
            return error;
        }
        var zone = TimeZones.Find(settings.TimeZone);
        var now = _clock.GetUtcNow();
        var next = schedule.NextAfter(now, zone);
        var limit = _limits.CurrentValue.MaxSubscriptionsPerChat;
        var outcome = await _store.AddSubscriptionsAsync(request.Chat, symbols.Select(s => new NewSubscription(s, kind, schedule, next)).ToList(), limit, ct).ConfigureAwait(false);
        if (outcome.LimitReached)
        {
            return _texts.Error(language, _texts.Format(language, "error.limitSubscriptions", limit, outcome.Count));
        }
        if (outcome.Added.Count > 0)
        {
            await _scheduler.SchedulesChangedAsync(ct).ConfigureAwait(false);
        }
        var lines = outcome.Added.Select(s => _texts.Format(language, "subscribe.line", s.Id, s.Symbol, _texts.KindName(language, s.Kind),
                _texts.Describe(language, s.Schedule), SubscriptionTexts.LocalTime(s.NextDueAt, zone)))
            .Concat(outcome.Existing.Select(s => _texts.Format(language, "subscribe.existing", s.Id, s.Symbol, _texts.KindName(language, s.Kind), _texts.Describe(language, s.Schedule))))
            .ToList();
        var note = _texts.Format(language, "subscribe.count", outcome.Count, limit);
        if (!given)
        {
            note = _texts.Get(language, "subscribe.defaultSchedule") + " " + note;
        }
        return CommandSupport.Confirmation(ReportKind.Subscriptions, _texts.Get(language, "subscribe.title"), lines, note);
    }

    private async Task<Report> UnsubscribeAsync(CommandRequest request, Language language, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Arguments))
        {
            return _texts.Syntax(language, "unsubscribe");
        }
        var existing = await _store.ListSubscriptionsAsync(request.Chat, ct).ConfigureAwait(false);
        var target = CommandSupport.ParseRemoval(request.Arguments, existing.Select(s => s.Symbol).Distinct().ToList());
        var removed = target is null ? 0 : await _store.RemoveSubscriptionsAsync(request.Chat, target, ct).ConfigureAwait(false);
        if (removed == 0)
        {
            return _texts.Error(language, _texts.Format(language, "error.noMatchSubscription", request.Arguments.Trim()), "unsubscribe");
        }
        await _scheduler.SchedulesChangedAsync(ct).ConfigureAwait(false);
        return CommandSupport.Confirmation(ReportKind.Subscriptions, _texts.Get(language, "unsubscribe.title"), [], _texts.Format(language, "unsubscribe.done", removed));
    }
}
