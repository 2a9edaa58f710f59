using System.Collections.Concurrent;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Application.Market;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Alerts;

/// <summary>
/// Evaluates alert rules after each refresh and on each liquidation event, with the anti-spam rules: cooldown per rule,
/// hysteresis (a rule re-arms only after its condition cleared), mutes (suppressed), quiet hours (held and summarised
/// when they end) and a per-chat hourly cap (the rest fold into one "N more alerts" message). Every firing is recorded
/// with its outbox message in one transaction, keyed by rule id and fire time.
/// </summary>
public sealed class AlertEngine
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

    /// <summary>Tells the engine a liquidation rule exists for <paramref name="symbol"/> so stream events are evaluated at once.</summary>
    public void NoteLiquidationRule(Symbol symbol) => _liquidationRuleSymbols.TryAdd(symbol, 0);

    /// <summary>
    /// Learns which of <paramref name="symbols"/> have liquidation rules, without evaluating anything. With several
    /// instances the refresh-driven <see cref="EvaluateAsync"/> runs on one of them per cycle, but every instance
    /// reads its own liquidation streams and must know which events to evaluate (their alerts are keyed by the event,
    /// so the instances agree on one outbox row).
    /// </summary>
    public async Task TrackLiquidationRulesAsync(IEnumerable<Symbol> symbols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var now = _clock.GetUtcNow();
        foreach (var symbol in symbols)
        {
            var rules = await _store.GetRulesForSymbolAsync(symbol, now, cancellationToken).ConfigureAwait(false);
            if (rules.Any(r => r.Rule.Condition.Metric == AlertMetric.Liquidations5m))
            {
                NoteLiquidationRule(symbol);
            }
            else
            {
                _liquidationRuleSymbols.TryRemove(symbol, out _);
            }
        }
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

    /// <summary>A liquidation from the stream: liquidation rules on its symbol are evaluated now, not at the next refresh.</summary>
    public async Task<int> OnLiquidationAsync(Liquidation liquidation, CancellationToken cancellationToken)
    {
        RecordLiquidation(liquidation);
        return await EvaluateLiquidationRulesAsync(liquidation.Symbol, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a streamed liquidation to its symbol's 5-minute total (cheap, no I/O: safe on the stream's reader thread).
    /// Totals are kept per second, so memory stays bounded however many events arrive.
    /// </summary>
    public void RecordLiquidation(Liquidation liquidation)
    {
        var now = _clock.GetUtcNow();
        _liquidations.GetOrAdd(liquidation.Symbol, _ => new LiquidationBuffer()).Add(liquidation, now, LiquidationWindow);
        _eventKeys.Record(liquidation, now, LiquidationWindow);
    }

    /// <summary>True when <paramref name="symbol"/> has liquidation rules, so its stream events are worth evaluating at once.</summary>
    public bool WatchesLiquidations(Symbol symbol) => _liquidationRuleSymbols.ContainsKey(symbol);

    /// <summary>Evaluates the liquidation rules of <paramref name="symbol"/> against its recorded 5-minute total.</summary>
    public async Task<int> EvaluateLiquidationRulesAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        if (!_liquidationRuleSymbols.ContainsKey(symbol) || !_liquidations.TryGetValue(symbol, out var buffer))
        {
            return 0;
        }
        var now = _clock.GetUtcNow();
        var rules = (await _store.GetRulesForSymbolAsync(symbol, now, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Rule.Condition.Metric == AlertMetric.Liquidations5m)
            .ToList();
        if (rules.Count == 0)
        {
            return 0;
        }
        _lastSnapshots.TryGetValue(symbol, out var last);
        var venue = last?.Venue ?? string.Empty;
        var byVenue = buffer.ByVenue(now, LiquidationWindow, venue);
        if (last is not null)
        {
            byVenue = Larger(AlertEvaluator.LiquidationsByVenueInWindow(last.Liquidations, now, LiquidationWindow, venue), byVenue);
        }
        var sum = byVenue.Sum(v => v.Usd);
        var observation = new AlertObservation(true, false, SubscriptionTexts.Usd(sum)) { Venues = byVenue };
        return await ProcessAsync(rules, r => observation with { Holds = sum >= r.Condition.Threshold }, venue, now, cancellationToken,
            r => LiquidationKey(r, last, now)).ConfigureAwait(false);
    }

    /// <summary>
    /// The event-keyed idempotency key of a liquidation rule (see <see cref="LiquidationEventKeys"/>): the streamed event
    /// at which the total last crossed the threshold, else the snapshot's; null (time-keyed) when neither crossed.
    /// </summary>
    private string? LiquidationKey(AlertRule rule, MarketSnapshot? snapshot, DateTimeOffset now)
    {
        var crossing = _eventKeys.Crossing(rule.Symbol, rule.Condition.Threshold, now, LiquidationWindow)
            ?? (snapshot is null ? null : LiquidationEventKeys.Crossing(snapshot.Liquidations, rule.Condition.Threshold, now, LiquidationWindow));
        return crossing is { } c ? LiquidationEventKeys.Key(rule.Id, c) : null;
    }

    /// <summary>The 5-minute total the engine believes (the larger of the snapshot's and the stream's; the snapshot on a
    /// tie), with its per-venue parts.</summary>
    private static IReadOnlyList<LiquidationVenueUsd> Larger(IReadOnlyList<LiquidationVenueUsd> snapshot, IReadOnlyList<LiquidationVenueUsd> streamed) =>
        streamed.Sum(v => v.Usd) > snapshot.Sum(v => v.Usd) ? streamed : snapshot;

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

    /// <summary>
    /// Liquidated notional of one symbol from the stream, per venue, summed per second of event time (at most one
    /// window's worth of seconds is kept per venue, whatever the event rate).
    /// </summary>
    private sealed class LiquidationBuffer
    {
        private readonly Dictionary<string, VenueSeconds> _venues = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Add(Liquidation liquidation, DateTimeOffset now, TimeSpan window)
        {
            lock (_gate)
            {
                // No venue: the primary venue's own stream (named when the split is read).
                var venue = liquidation.Venue ?? string.Empty;
                if (!_venues.TryGetValue(venue, out var seconds))
                {
                    seconds = new VenueSeconds();
                    _venues[venue] = seconds;
                }
                seconds.Add(liquidation, now, window);
            }
        }

        /// <summary>Each venue's total in the window, largest first; <paramref name="primaryVenue"/> names the events without a venue.</summary>
        public IReadOnlyList<LiquidationVenueUsd> ByVenue(DateTimeOffset now, TimeSpan window, string primaryVenue)
        {
            lock (_gate)
            {
                var byVenue = new Dictionary<string, decimal>(StringComparer.Ordinal);
                foreach (var (venue, seconds) in _venues)
                {
                    var name = venue.Length == 0 ? primaryVenue : venue;
                    byVenue[name] = byVenue.GetValueOrDefault(name) + seconds.Sum(now, window);
                }
                return AlertEvaluator.OrderVenues(byVenue);
            }
        }
    }

    /// <summary>One venue's seconds (the caller holds the lock).</summary>
    private sealed class VenueSeconds
    {
        private readonly Queue<(long Second, decimal Usd)> _seconds = new();
        private long _lastSecond = long.MinValue;
        private decimal _lastUsd;

        public void Add(Liquidation liquidation, DateTimeOffset now, TimeSpan window)
        {
            var second = liquidation.Time.ToUnixTimeSeconds();
            if (second <= _lastSecond)
            {
                // Same second (or a slightly late event): coalesce into the newest bucket.
                _lastUsd += liquidation.NotionalUsd;
            }
            else
            {
                Flush();
                _lastSecond = second;
                _lastUsd = liquidation.NotionalUsd;
            }
            var oldest = (now - window).ToUnixTimeSeconds();
            while (_seconds.Count > 0 && _seconds.Peek().Second < oldest)
            {
                _seconds.Dequeue();
            }
        }

        public decimal Sum(DateTimeOffset now, TimeSpan window)
        {
            var from = (now - window).ToUnixTimeSeconds();
            // No upper bound: exchange event times may run slightly ahead of our clock.
            var sum = _seconds.Where(b => b.Second >= from).Sum(b => b.Usd);
            return _lastSecond >= from ? sum + _lastUsd : sum;
        }

        private void Flush()
        {
            if (_lastSecond != long.MinValue)
            {
                _seconds.Enqueue((_lastSecond, _lastUsd));
            }
        }
    }
}
