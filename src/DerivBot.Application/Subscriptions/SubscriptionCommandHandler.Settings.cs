using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Subscriptions;

public sealed partial class SubscriptionCommandHandler
{
    private async Task<Report> LanguageAsync(CommandRequest request, Language language, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Arguments))
        {
            return _texts.Syntax(language, "lang");
        }
        if (!LanguageExtensions.TryParse(request.Arguments, out var chosen))
        {
            return _texts.Error(language, _texts.Format(language, "error.badLanguage", request.Arguments.Trim()), "lang");
        }
        await _store.SetLanguageAsync(request.Chat, chosen, ct).ConfigureAwait(false);
        // Digest groups are keyed by language: the next run renders in the new one.
        await _scheduler.SchedulesChangedAsync(ct).ConfigureAwait(false);
        return CommandSupport.Confirmation(ReportKind.Settings, _texts.Get(chosen, "lang.title"), [], _texts.Get(chosen, "lang.set"));
    }

    private async Task<Report> TimeZoneAsync(CommandRequest request, Language language, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Arguments))
        {
            return _texts.Syntax(language, "tz");
        }
        if (!TimeZones.TryResolve(request.Arguments, out var zone, out var id))
        {
            return _texts.Error(language, _texts.Format(language, "error.badTimeZone", request.Arguments.Trim()), "tz");
        }
        var now = _clock.GetUtcNow();
        await _store.SetTimeZoneAsync(request.Chat, id, s => s.Schedule.NextAfter(now, zone), ct).ConfigureAwait(false);
        await _scheduler.SchedulesChangedAsync(ct).ConfigureAwait(false);
        return CommandSupport.Confirmation(ReportKind.Settings, _texts.Get(language, "tz.title"), [],
            _texts.Format(language, "tz.set", id, SubscriptionTexts.LocalTime(now, zone)));
    }
}
