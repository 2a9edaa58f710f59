using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Subscriptions;

/// <summary>
/// <c>/subscribe</c>, <c>/unsubscribe</c>, <c>/subs</c> and the chat settings <c>/mute</c>, <c>/quiet</c>, <c>/lang</c>,
/// <c>/tz</c>. Every change is stored at once and the digest trigger is moved immediately (no restart).
/// </summary>
public sealed class SubscriptionCommandHandler : ICommandHandler
{
    private readonly ISubscriptionStore _store;
    private readonly IChatRegistry _registry;
    private readonly IMarketData _market;
    private readonly IScheduleNotifier _scheduler;
    private readonly IOptionsMonitor<JobsOptions> _jobs;
    private readonly IOptionsMonitor<LimitsOptions> _limits;
    private readonly TimeProvider _clock;
    private readonly SubscriptionTexts _texts;

    public SubscriptionCommandHandler(
        ISubscriptionStore store, IChatRegistry registry, IMarketData market, IScheduleNotifier scheduler,
        IOptionsMonitor<JobsOptions> jobs, IOptionsMonitor<LimitsOptions> limits, TimeProvider clock, ILocalizer localizer)
    {
        _texts = new SubscriptionTexts(localizer);
        _store = store;
        _registry = registry;
        _market = market;
        _scheduler = scheduler;
        _jobs = jobs;
        _limits = limits;
        _clock = clock;
        Commands =
        [
            CommandSupport.Info(_texts, "subscribe", ["sub"], ("symbol", "opt.symbol", CommandOptionKind.Symbol, true),
                ("report", "opt.report", CommandOptionKind.Choice, true), ("schedule", "opt.schedule", CommandOptionKind.Text, false)),
            CommandSupport.Info(_texts, "unsubscribe", ["unsub"], ("target", "opt.target", CommandOptionKind.Text, true)),
            CommandSupport.Info(_texts, "subs", ["subscriptions", "mysubs"]),
            CommandSupport.Info(_texts, "mute", [], ("symbol", "opt.symbol", CommandOptionKind.Symbol, false),
                ("duration", "opt.duration", CommandOptionKind.Text, true)),
            CommandSupport.Info(_texts, "quiet", ["quiethours"], ("range", "opt.range", CommandOptionKind.Text, true)),
            CommandSupport.Info(_texts, "lang", ["language"], ("language", "opt.language", CommandOptionKind.Choice, true)),
            CommandSupport.Info(_texts, "tz", ["timezone"], ("zone", "opt.timezone", CommandOptionKind.Text, true)),
        ];
    }

    public IReadOnlyList<CommandInfo> Commands { get; }

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = await _registry.GetOrCreateAsync(request.Chat, request.Language, cancellationToken).ConfigureAwait(false);
        var language = request.Language;
        var report = request.Command switch
        {
            "subscribe" => await SubscribeAsync(request, settings, language, cancellationToken).ConfigureAwait(false),
            "unsubscribe" => await UnsubscribeAsync(request, language, cancellationToken).ConfigureAwait(false),
            "subs" => await ListAsync(request, settings, language, cancellationToken).ConfigureAwait(false),
            "mute" => await MuteAsync(request, settings, language, cancellationToken).ConfigureAwait(false),
            "quiet" => await QuietAsync(request, settings, language, cancellationToken).ConfigureAwait(false),
            "lang" => await LanguageAsync(request, language, cancellationToken).ConfigureAwait(false),
            "tz" => await TimeZoneAsync(request, language, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"Not a subscription command: {request.Command}", nameof(request)),
        };
        return CommandResult.Of(report);
    }

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
