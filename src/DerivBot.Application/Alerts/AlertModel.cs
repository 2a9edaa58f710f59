using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

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
