using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Alerts;

/// <summary>What an alert rule watches. Ids are stable: they are stored in the database.</summary>
public enum AlertMetric
{
    /// <summary>Predicted funding rate; threshold is a fraction per funding interval (0.0005 = 0.05 %).</summary>
    Funding = 0,
    /// <summary>Percentile (0–100) of the current funding rate within the known funding history (up to 90 days).</summary>
    FundingPercentile = 1,
    /// <summary>Open-interest change over <see cref="AlertCondition.Window"/>, threshold in percent (5 = 5 %).</summary>
    OpenInterestChange = 2,
    /// <summary>The quadrant model entering a state (<see cref="AlertCondition.State"/>) or any crowding state when null.</summary>
    Quadrant = 3,
    /// <summary>Liquidated notional in the last 5 minutes, threshold in USD.</summary>
    Liquidations5m = 4,
    /// <summary>RSI(14) on the snapshot's candles leaving the band [100 − threshold, threshold].</summary>
    Rsi = 5,
    /// <summary>Deribit put/call ratio by open interest (all expiries of the symbol's coin); threshold in puts per call (1.0 = as many puts as calls).</summary>
    PutCallRatio = 6,
}

/// <summary>Which side of the threshold fires.</summary>
public enum AlertDirection
{
    /// <summary>Value ≥ threshold.</summary>
    Above = 0,
    /// <summary>Value ≤ threshold.</summary>
    Below = 1,
    /// <summary>Either side: |value| ≥ threshold (for percentiles and RSI: ≥ t or ≤ 100 − t).</summary>
    Beyond = 2,
}

/// <summary>An alert condition. Units depend on <see cref="Metric"/> (see <see cref="AlertMetric"/>).</summary>
/// <param name="Window">Look-back for <see cref="AlertMetric.OpenInterestChange"/>.</param>
/// <param name="State">Target state for <see cref="AlertMetric.Quadrant"/>; null = any non-neutral state.</param>
public sealed record AlertCondition(
    AlertMetric Metric,
    AlertDirection Direction,
    decimal Threshold,
    TimeSpan? Window = null,
    QuadrantState? State = null);

/// <summary>A rule as a command creates it.</summary>
/// <param name="Cooldown">Minimum time between two firings.</param>
/// <param name="Repeat">False: the rule disables itself after firing once.</param>
public sealed record NewAlertRule(Symbol Symbol, AlertCondition Condition, TimeSpan Cooldown, bool Repeat);

/// <summary>A stored alert rule.</summary>
/// <param name="Armed">Hysteresis: a rule fires only while armed; it disarms on firing and re-arms once the condition clears.</param>
/// <param name="Enabled">False once a one-shot rule has fired.</param>
public sealed record AlertRule(
    long Id,
    ChatAddress Chat,
    Symbol Symbol,
    AlertCondition Condition,
    TimeSpan Cooldown,
    bool Repeat,
    bool Armed,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastFiredAt);

/// <summary>A rule to evaluate, with its chat's settings and mutes.</summary>
public sealed record WatchedRule(AlertRule Rule, ChatSettings Chat, bool Muted);

/// <summary>How a fired alert was handled.</summary>
public enum AlertFiringOutcome
{
    /// <summary>Enqueued in the outbox.</summary>
    Enqueued,
    /// <summary>Held (quiet hours or the hourly cap); summarised later.</summary>
    Held,
    /// <summary>The same firing was already recorded (idempotency key).</summary>
    Duplicate,
    /// <summary>The rule changed under us (removed, disarmed, disabled): nothing recorded.</summary>
    Stale,
}

/// <summary>
/// One firing: the rule update, and either an outbox message or a held entry, recorded in one transaction.
/// </summary>
/// <param name="HoldUntil">Quiet hours: hold until this time instead of sending.</param>
/// <param name="HeldText">One line for the summary if the alert is held (already localized).</param>
/// <param name="CapPerHour">At most this many alerts per chat per rolling hour; the rest are held for the "N more alerts" digest.</param>
public sealed record AlertFiring(
    long RuleId,
    DateTimeOffset FiredAt,
    Outbox.OutboxDraft Message,
    string HeldText,
    DateTimeOffset? HoldUntil,
    int CapPerHour);

/// <summary>Held alerts of one chat ready to be summarised.</summary>
public sealed record HeldAlertBatch(long ChatKey, ChatSettings Chat, IReadOnlyList<HeldAlert> Alerts);

/// <param name="Reason"><c>quiet</c> or <c>cap</c>.</param>
public sealed record HeldAlert(long Id, DateTimeOffset HeldAt, string Reason, string Text);

/// <summary>Groups held-alert rows read in (chat key, id) order into one batch per chat — shared by every store.</summary>
public static class HeldAlertBatches
{
    /// <param name="rows">Rows ordered by chat key; a batch takes the chat settings of its first row.</param>
    public static IReadOnlyList<HeldAlertBatch> Group(IEnumerable<(long ChatKey, ChatSettings Chat, HeldAlert Alert)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var batches = new List<HeldAlertBatch>();
        long? currentKey = null;
        ChatSettings? chat = null;
        var alerts = new List<HeldAlert>();
        foreach (var (key, rowChat, alert) in rows)
        {
            if (key != currentKey)
            {
                if (currentKey is { } k && chat is not null)
                {
                    batches.Add(new HeldAlertBatch(k, chat, alerts));
                }
                currentKey = key;
                chat = rowChat;
                alerts = [];
            }
            alerts.Add(alert);
        }
        if (currentKey is { } last && chat is not null)
        {
            batches.Add(new HeldAlertBatch(last, chat, alerts));
        }
        return batches;
    }
}
