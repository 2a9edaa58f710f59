using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

/// <summary>Alert rules, their firing state and held alerts.</summary>
public interface IAlertStore
{
    Task<AddOutcome<AlertRule>> AddAlertAsync(ChatAddress chat, NewAlertRule rule, int limit, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The chat's rules (enabled and spent one-shots).</summary>
    Task<IReadOnlyList<AlertRule>> ListAlertsAsync(ChatAddress chat, CancellationToken cancellationToken);

    Task<int> RemoveAlertsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken);

    /// <summary>Enabled rules of active chats on <paramref name="symbol"/>, with chat settings and whether the symbol is muted at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<WatchedRule>> GetRulesForSymbolAsync(Symbol symbol, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Re-arms rules whose condition has cleared (hysteresis).</summary>
    Task RearmAsync(IReadOnlyCollection<long> ruleIds, CancellationToken cancellationToken);

    /// <summary>Disarms a rule whose firing was suppressed (muted) and records the firing time.</summary>
    Task SuppressAsync(long ruleId, DateTimeOffset firedAt, CancellationToken cancellationToken);

    /// <summary>
    /// In ONE transaction: checks the rule is still armed and enabled, disarms it (disables a one-shot), sets its last
    /// fired time, and either enqueues <see cref="AlertFiring.Message"/> or holds the alert (quiet hours, hourly cap).
    /// </summary>
    Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken);

    /// <summary>Chats whose held alerts may be summarised at <paramref name="now"/> (release time passed).</summary>
    Task<IReadOnlyList<HeldAlertBatch>> GetReleasableHeldAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>In ONE transaction: enqueues the summary and deletes the held alerts it covers. False if already released.</summary>
    Task<bool> ReleaseHeldAsync(HeldAlertBatch batch, OutboxDraft summary, CancellationToken cancellationToken);
}
