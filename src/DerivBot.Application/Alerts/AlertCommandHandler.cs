using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Alerts;

/// <summary><c>/alert</c>, <c>/alerts</c>, <c>/unalert</c>.</summary>
public sealed class AlertCommandHandler : ICommandHandler
{
    private readonly IAlertStore _store;
    private readonly IChatRegistry _registry;
    private readonly IMarketData _market;
    private readonly AlertEngine _engine;
    private readonly IOptionsMonitor<LimitsOptions> _limits;
    private readonly TimeProvider _clock;
    private readonly SubscriptionTexts _texts;

    public AlertCommandHandler(IAlertStore store, IChatRegistry registry, IMarketData market, AlertEngine engine, IOptionsMonitor<LimitsOptions> limits, TimeProvider clock, ILocalizer localizer)
    {
        _texts = new SubscriptionTexts(localizer);
        _store = store;
        _registry = registry;
        _market = market;
        _engine = engine;
        _limits = limits;
        _clock = clock;
        Commands =
        [
            CommandSupport.Info(_texts, "alert", ["addalert"], ("symbol", "opt.symbol", CommandOptionKind.Symbol, true),
                ("condition", "opt.condition", CommandOptionKind.Text, true)),
            CommandSupport.Info(_texts, "alerts", ["myalerts"]),
            CommandSupport.Info(_texts, "unalert", ["delalert", "rmalert"], ("target", "opt.target", CommandOptionKind.Text, true)),
        ];
    }

    public IReadOnlyList<CommandInfo> Commands { get; }

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _registry.GetOrCreateAsync(request.Chat, request.Language, cancellationToken).ConfigureAwait(false);
        var report = request.Command switch
        {
            "alert" => await AddAsync(request, request.Language, cancellationToken).ConfigureAwait(false),
            "alerts" => await ListAsync(request, request.Language, cancellationToken).ConfigureAwait(false),
            "unalert" => await RemoveAsync(request, request.Language, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"Not an alert command: {request.Command}", nameof(request)),
        };
        return CommandResult.Of(report);
    }

    private async Task<Report> AddAsync(CommandRequest request, Language language, CancellationToken ct)
    {
        var tokens = CommandParsing.Tokenize(request.Arguments);
        if (tokens.Count < 2)
        {
            return _texts.Syntax(language, "alert");
        }
        if (!CommandParsing.TryParseAlert(tokens.Skip(1).ToList(), out var spec, out var parseError))
        {
            var message = parseError!.Argument is null ? _texts.Get(language, parseError.Key) : _texts.Format(language, parseError.Key, parseError.Argument);
            return _texts.Error(language, message, "alert");
        }
        var (symbols, error) = await CommandSupport.ResolveSymbolsAsync(_market, _texts, language, [tokens[0]], "alert", ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }
        var limits = _limits.CurrentValue;
        var rule = new NewAlertRule(symbols[0], spec.Condition, spec.Cooldown ?? limits.DefaultAlertCooldown, !spec.Once);
        var outcome = await _store.AddAlertAsync(request.Chat, rule, limits.MaxAlertsPerChat, _clock.GetUtcNow(), ct).ConfigureAwait(false);
        if (outcome.LimitReached)
        {
            return _texts.Error(language, _texts.Format(language, "error.limitAlerts", limits.MaxAlertsPerChat, outcome.Count));
        }
        if (spec.Condition.Metric == AlertMetric.Liquidations5m)
        {
            _engine.NoteLiquidationRule(symbols[0]);
        }
        var lines = outcome.Added.Select(a => Line(language, a))
            .Concat(outcome.Existing.Select(a => _texts.Format(language, "alert.existing", a.Id, a.Symbol, _texts.Describe(language, a.Condition))))
            .ToList();
        return CommandSupport.Confirmation(ReportKind.Alerts, _texts.Get(language, "alert.title"), lines,
            _texts.Format(language, "alert.count", outcome.Count, limits.MaxAlertsPerChat));
    }

    private string Line(Language language, AlertRule a) => _texts.Format(language, "alert.line", a.Id, a.Symbol, _texts.Describe(language, a.Condition),
        !a.Enabled ? _texts.Get(language, "alert.spent")
        : a.Repeat ? _texts.Format(language, "alert.repeat", DigestSchedule.FormatDuration(a.Cooldown))
        : _texts.Get(language, "alert.once"));

    private async Task<Report> ListAsync(CommandRequest request, Language language, CancellationToken ct)
    {
        var rules = await _store.ListAlertsAsync(request.Chat, ct).ConfigureAwait(false);
        if (rules.Count == 0)
        {
            return new Report(ReportKind.Alerts, _texts.Get(language, "alerts.title"), [new NoteBlock(_texts.Get(language, "alerts.empty"))]);
        }
        return CommandSupport.Confirmation(ReportKind.Alerts, _texts.Get(language, "alerts.title"), rules.Select(r => Line(language, r)).ToList(),
            _texts.Format(language, "alert.count", rules.Count, _limits.CurrentValue.MaxAlertsPerChat));
    }

    private async Task<Report> RemoveAsync(CommandRequest request, Language language, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Arguments))
        {
            return _texts.Syntax(language, "unalert");
        }
        var existing = await _store.ListAlertsAsync(request.Chat, ct).ConfigureAwait(false);
        var target = CommandSupport.ParseRemoval(request.Arguments, existing.Select(a => a.Symbol).Distinct().ToList());
        var removed = target is null ? 0 : await _store.RemoveAlertsAsync(request.Chat, target, ct).ConfigureAwait(false);
        if (removed == 0)
        {
            return _texts.Error(language, _texts.Format(language, "error.noMatchAlert", request.Arguments.Trim()), "unalert");
        }
        return CommandSupport.Confirmation(ReportKind.Alerts, _texts.Get(language, "unalert.title"), [], _texts.Format(language, "unalert.done", removed));
    }
}
