using System.Collections.Concurrent;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Application.Market;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Alerts;

/// <summary>
/// Evaluates alert rules after each refresh and on each liquidation event, with the anti-spam rules: cooldown per rule,
/// hysteresis (a rule re-arms only after its condition cleared), mutes (suppressed), quiet hours (held and summarised
/// when they end) and a per-chat hourly cap (the rest fold into one "N more alerts" message). Every firing is recorded
/// with its outbox message in one transaction, keyed by rule id and fire time.
/// </summary>
public sealed partial class AlertEngine
{
    private static readonly TimeSpan LiquidationWindow = TimeSpan.FromMinutes(5);

    private readonly IAlertStore _store;
    private readonly IMarketHistoryStore _history;
    private readonly IQuadrantClassifier? _classifier;
    private readonly IOutboxSignal _signal;
    private readonly IOptionsMonitor<LimitsOptions> _limits;
    private readonly IOptionsMonitor<JobsOptions> _jobs;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlertEngine> _logger;
    private readonly SubscriptionTexts _texts;
    private readonly ConcurrentDictionary<Symbol, LiquidationBuffer> _liquidations = new();
    private readonly ConcurrentDictionary<Symbol, byte> _liquidationRuleSymbols = new();
    private readonly ConcurrentDictionary<Symbol, MarketSnapshot> _lastSnapshots = new();
    private readonly OptionChains.OptionsMarket? _options;
    private readonly LiquidationEventKeys _eventKeys = new();

    /// <param name="options">Put/call alerts read the coin's option chain through it; without it they stay silent.</param>
    public AlertEngine(
        IAlertStore store, IMarketHistoryStore history, IEnumerable<IQuadrantClassifier> classifiers, IOutboxSignal signal,
        IOptionsMonitor<LimitsOptions> limits, IOptionsMonitor<JobsOptions> jobs, TimeProvider clock, ILogger<AlertEngine> logger,
        ILocalizer localizer, OptionChains.OptionsMarket? options = null)
    {
        _texts = new SubscriptionTexts(localizer);
        _options = options;
        ArgumentNullException.ThrowIfNull(classifiers);
        _store = store;
        _history = history;
        _classifier = classifiers.LastOrDefault();
        _signal = signal;
        _limits = limits;
        _jobs = jobs;
        _clock = clock;
        _logger = logger;
    }


    /// <summary>Evaluates every rule on the snapshot's symbol. Returns how many alerts fired (enqueued or held).</summary>
    public async Task<int> EvaluateAsync(MarketSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = _clock.GetUtcNow();
        _lastSnapshots[snapshot.Symbol] = snapshot;
        var rules = await _store.GetRulesForSymbolAsync(snapshot.Symbol, now, cancellationToken).ConfigureAwait(false);
        if (rules.Any(r => r.Rule.Condition.Metric == AlertMetric.Liquidations5m))
        {
            NoteLiquidationRule(snapshot.Symbol);
        }
        else
        {
            _liquidationRuleSymbols.TryRemove(snapshot.Symbol, out _);
        }
        if (rules.Count == 0)
        {
            return 0;
        }
        IReadOnlyList<FundingRatePoint> funding = snapshot.FundingHistory;
        if (rules.Any(r => r.Rule.Condition.Metric == AlertMetric.FundingPercentile))
        {
            funding = await MergedFundingAsync(snapshot, now, cancellationToken).ConfigureAwait(false);
        }
        Core.Signals.QuadrantState? quadrant = null;
        if (_classifier is not null && rules.Any(r => r.Rule.Condition.Metric == AlertMetric.Quadrant))
        {
            quadrant = _classifier.Classify(snapshot, now);
        }
        var byVenue = Larger(
            AlertEvaluator.LiquidationsByVenueInWindow(snapshot.Liquidations, now, LiquidationWindow, snapshot.Venue),
            _liquidations.TryGetValue(snapshot.Symbol, out var buffer) ? buffer.ByVenue(now, LiquidationWindow, snapshot.Venue) : []);
        var liquidationsUsd = byVenue.Sum(v => v.Usd);
        var putCall = rules.Any(r => r.Rule.Condition.Metric == AlertMetric.PutCallRatio)
            ? await PutCallAsync(snapshot, cancellationToken).ConfigureAwait(false)
            : null;
        var context = new AlertContext(snapshot, now, funding, liquidationsUsd, quadrant, putCall, byVenue);
        return await ProcessAsync(rules, r => AlertEvaluator.Evaluate(r.Condition, context), snapshot.Venue, now, cancellationToken,
            r => r.Condition.Metric == AlertMetric.Liquidations5m ? LiquidationKey(r, snapshot, now) : null).ConfigureAwait(false);
    }

    /// <summary>The coin's put/call open-interest ratio, or null when the options venue cannot say (the rule then waits).</summary>
    private async Task<decimal?> PutCallAsync(MarketSnapshot snapshot, CancellationToken ct)
    {
        if (_options is not { IsAvailable: true })
        {
            return null;
        }
        try
        {
            var view = await _options.GetAsync(OptionChains.OptionsMarket.AssetOf(snapshot.Symbol.Value), Core.OptionChains.OptionsMarketContext.None, ct).ConfigureAwait(false);
            return view.Stale ? null : view.Signal.PutCallOiRatio;
        }
        catch (VenueException ex)
        {
            _logger.LogWarning(ex, "Put/call for {Symbol} unavailable ({Kind}); its alerts wait", snapshot.Symbol, ex.Kind);
            return null;
        }
    }

    private async Task<IReadOnlyList<FundingRatePoint>> MergedFundingAsync(MarketSnapshot snapshot, DateTimeOffset now, CancellationToken ct)
    {
        var stored = await _history.GetFundingAsync(snapshot.Venue, snapshot.Symbol, now - _jobs.CurrentValue.HistoryRetention, ct).ConfigureAwait(false);
        var byTime = new SortedDictionary<DateTimeOffset, FundingRatePoint>();
        foreach (var p in stored)
        {
            byTime[p.Time] = p;
        }
        foreach (var p in snapshot.FundingHistory)
        {
            byTime[p.Time] = p;
        }
        return byTime.Values.ToList();
    }

    /// <param name="eventKey">The idempotency key from the triggering event (several instances see the same stream event),
    /// or null for the time-keyed <c>alert:&lt;rule&gt;:&lt;fire unix ms&gt;</c>.</param>
    private async Task<int> ProcessAsync(IReadOnlyList<WatchedRule> rules, Func<AlertRule, AlertObservation> evaluate, string venue, DateTimeOffset now, CancellationToken ct,
        Func<AlertRule, string?>? eventKey = null)
    {
        var rearm = new List<long>();
        var fired = 0;
        var limits = _limits.CurrentValue;
        foreach (var watched in rules)
        {
            var rule = watched.Rule;
            var observation = evaluate(rule);
            if (!observation.Available)
            {
                continue;
            }
            if (!observation.Holds)
            {
                if (!rule.Armed)
                {
                    rearm.Add(rule.Id);
                }
                continue;
            }
            if (!rule.Armed || (rule.LastFiredAt is { } last && now - last < rule.Cooldown))
            {
                continue;
            }
            if (watched.Muted)
            {
                await _store.SuppressAsync(rule.Id, now, ct).ConfigureAwait(false);
                continue;
            }
            var chat = watched.Chat;
            var zone = TimeZones.Find(chat.TimeZone);
            DateTimeOffset? holdUntil = null;
            if (chat.QuietEnd is { } quietEnd && CommandParsing.InQuietHours(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), chat.QuietStart, chat.QuietEnd))
            {
                holdUntil = DigestSchedule.DailyAt(quietEnd).NextAfter(now, zone);
            }
            var language = chat.Language;
            var condition = _texts.Describe(language, rule.Condition);
            var report = BuildReport(rule, chat, observation, condition, venue, now, zone);
            var heldText = _texts.Format(language, "fired.line", TimeZoneInfo.ConvertTime(now, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                rule.Symbol, condition, observation.Venues.Count > 0 ? LiquidationText(observation, language) : observation.ValueText);
            var key = eventKey?.Invoke(rule) ?? $"alert:{rule.Id}:{now.ToUnixTimeMilliseconds()}";
            var firing = new AlertFiring(rule.Id, now, new OutboxDraft(chat.Address, OutboxKind.Alert, key, new OutboundMessage(report)), heldText, holdUntil, limits.AlertsPerHour);
            var outcome = await _store.RecordFiringAsync(firing, ct).ConfigureAwait(false);
            switch (outcome)
            {
                case AlertFiringOutcome.Enqueued:
                    fired++;
                    _signal.Notify();
                    break;
                case AlertFiringOutcome.Held:
                    fired++;
                    break;
            }
            _logger.LogDebug("Alert rule {RuleId} on {Symbol}: {Outcome}", rule.Id, rule.Symbol, outcome);
        }
        if (rearm.Count > 0)
        {
            await _store.RearmAsync(rearm, ct).ConfigureAwait(false);
        }
        return fired;
    }
}
