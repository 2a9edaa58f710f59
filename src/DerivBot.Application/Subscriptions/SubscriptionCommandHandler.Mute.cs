using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Subscriptions;

public sealed partial class SubscriptionCommandHandler
{
    private async Task<Report> MuteAsync(CommandRequest request, ChatSettings settings, Language language, CancellationToken ct)
    {
        var tokens = CommandParsing.Tokenize(request.Arguments);
        var unmute = false;
        if (tokens.Count == 0 && !unmute)
        {
            return _texts.Syntax(language, "mute");
        }
        string? symbolToken = null;
        var rest = new List<string>();
        foreach (var t in tokens)
        {
            if (symbolToken is null && rest.Count == 0 && t is not ("off" or "unmute" or "解除") && !CommandParsing.TryParseDuration(t, out _))
            {
                symbolToken = t;
            }
            else
            {
                rest.Add(t);
            }
        }
        Symbol? symbol = null;
        if (symbolToken is not null && symbolToken is not ("all" or "*" or "全部"))
        {
            var (symbols, error) = await CommandSupport.ResolveSymbolsAsync(_market, _texts, language, [symbolToken], "mute", ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            symbol = symbols[0];
        }
        var what = symbol?.Value ?? _texts.Get(language, "field.all");
        var durationText = string.Join(' ', rest);
        if (unmute || durationText is "off" or "unmute" or "解除")
        {
            var removed = await _store.UnmuteAsync(request.Chat, symbol, ct).ConfigureAwait(false);
            return CommandSupport.Confirmation(ReportKind.Settings, _texts.Get(language, "mute.title"), [],
                _texts.Format(language, removed > 0 ? "unmute.done" : "unmute.none", what));
        }
        if (!CommandParsing.TryParseDuration(durationText, out var duration))
        {
            return _texts.Error(language, _texts.Format(language, "error.badDuration", durationText), "mute");
        }
        var max = _limits.CurrentValue.MaxMute;
        if (duration > max)
        {
            return _texts.Error(language, _texts.Format(language, "error.muteTooLong", DigestSchedule.FormatDuration(max)), "mute");
        }
        var until = _clock.GetUtcNow() + duration;
        await _store.MuteAsync(request.Chat, symbol, until, ct).ConfigureAwait(false);
        return CommandSupport.Confirmation(ReportKind.Settings, _texts.Get(language, "mute.title"), [],
            _texts.Format(language, "mute.done", what, SubscriptionTexts.LocalTime(until, TimeZones.Find(settings.TimeZone))));
    }

    private async Task<Report> QuietAsync(CommandRequest request, ChatSettings settings, Language language, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Arguments))
        {
            return _texts.Syntax(language, "quiet");
        }
        if (!CommandParsing.TryParseQuietHours(request.Arguments, out var start, out var end))
        {
            return _texts.Error(language, _texts.Format(language, "error.badTime", request.Arguments.Trim()), "quiet");
        }
        await _store.SetQuietHoursAsync(request.Chat, start, end, ct).ConfigureAwait(false);
        var text = start is { } s && end is { } e
            ? _texts.Format(language, "quiet.set", s.ToString("HH:mm", CultureInfo.InvariantCulture), e.ToString("HH:mm", CultureInfo.InvariantCulture), settings.TimeZone)
            : _texts.Get(language, "quiet.off");
        return CommandSupport.Confirmation(ReportKind.Settings, _texts.Get(language, "quiet.title"), [], text);
    }
}
