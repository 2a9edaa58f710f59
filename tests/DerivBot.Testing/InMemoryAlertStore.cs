using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Testing;

/// <summary>
/// The in-memory <see cref="IAlertStore"/>, held to <see cref="AlertStoreContract"/> like the SQLite and PostgreSQL
/// stores: the limit and duplicates count enabled rules only; a firing checks and disarms the rule in one step (a
/// one-shot disables itself) and then enqueues into the shared outbox — to the rule's chat, once per idempotency key — or
/// holds the alert for quiet hours or the hourly cap (counted over every alert message the chat was sent in the rolling
/// hour); held alerts come out per chat once the earliest is due, and a batch is released once. Mutes and chat
/// settings come from the <see cref="InMemoryStoreState"/> it shares with <see cref="InMemorySubscriptionStore"/>.
/// </summary>
public sealed class InMemoryAlertStore : IAlertStore
{
    private static readonly TimeSpan CapWindow = TimeSpan.FromHours(1);
    private readonly InMemoryStoreState _state;

    public InMemoryAlertStore(InMemoryStoreState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <summary>A store on a state of its own (its registry and outbox are <see cref="State"/>'s).</summary>
    public InMemoryAlertStore(TimeProvider clock) : this(new InMemoryStoreState(clock))
    {
    }

    public InMemoryStoreState State => _state;

    public Task<AddOutcome<AlertRule>> AddAlertAsync(ChatAddress chat, NewAlertRule rule, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_state.Gate)
        {
            var current = Rules(chat).Where(r => r.Enabled).ToList();
            var same = current.FirstOrDefault(r => r.Symbol == rule.Symbol && r.Condition == rule.Condition);
            if (same is not null)
            {
                return Task.FromResult(new AddOutcome<AlertRule>([], [same], false, current.Count));
            }
            if (current.Count + 1 > limit)
            {
                // The store's transaction rolls back: not even the chat row it created stays.
                return Task.FromResult(new AddOutcome<AlertRule>([], [], true, current.Count));
            }
            _state.EnsureChat(chat);
            var created = new AlertRule(_state.NextId(), chat, rule.Symbol, rule.Condition, Seconds(rule.Cooldown), rule.Repeat, Armed: true, Enabled: true,
                InMemoryStoreState.Ms(now), null);
            _state.Rules[created.Id] = created;
            // As the stores return it: the cooldown as asked, not yet read back in whole seconds.
            return Task.FromResult(new AddOutcome<AlertRule>([created with { Cooldown = rule.Cooldown }], [], false, current.Count + 1));
        }
    }

    public Task<IReadOnlyList<AlertRule>> ListAlertsAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            return Task.FromResult<IReadOnlyList<AlertRule>>(Rules(chat).ToList());
        }
    }

    public Task<int> RemoveAlertsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_state.Gate)
        {
            var removed = Rules(chat).Where(r => target.All || (target.Id is { } id ? r.Id == id : r.Symbol == target.Symbol)).ToList();
            foreach (var rule in removed)
            {
                _state.Rules.Remove(rule.Id);
            }
            return Task.FromResult(removed.Count);
        }
    }

    public Task<IReadOnlyList<WatchedRule>> GetRulesForSymbolAsync(Symbol symbol, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            var rules = _state.Rules.Values
                .Where(r => r.Symbol == symbol && r.Enabled && _state.IsActive(r.Chat))
                .Select(r => new WatchedRule(r, _state.EnsureChat(r.Chat), _state.IsMuted(r.Chat, r.Symbol.Value, now)))
                .ToList();
            return Task.FromResult<IReadOnlyList<WatchedRule>>(rules);
        }
    }

    public Task RearmAsync(IReadOnlyCollection<long> ruleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        lock (_state.Gate)
        {
            foreach (var id in ruleIds)
            {
                if (_state.Rules.TryGetValue(id, out var rule))
                {
                    _state.Rules[id] = rule with { Armed = true };
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task SuppressAsync(long ruleId, DateTimeOffset firedAt, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            if (_state.Rules.TryGetValue(ruleId, out var rule) && rule.Armed)
            {
                Disarm(rule, firedAt);
            }
        }
        return Task.CompletedTask;
    }

    public Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        lock (_state.Gate)
        {
            if (!_state.Rules.TryGetValue(firing.RuleId, out var rule) || !rule.Armed || !rule.Enabled)
            {
                return Task.FromResult(AlertFiringOutcome.Stale);
            }
            Disarm(rule, firing.FiredAt);
            if (firing.HoldUntil is { } until)
            {
                Hold(rule, firing, "quiet", until);
                return Task.FromResult(AlertFiringOutcome.Held);
            }
            var windowStart = InMemoryStoreState.Ms(firing.FiredAt) - CapWindow;
            var sentLastHour = _state.Outbox.EnqueuedAt(rule.Chat, OutboxKind.Alert).Where(t => t > windowStart).ToList();
            if (sentLastHour.Count >= firing.CapPerHour)
            {
                Hold(rule, firing, "cap", sentLastHour.Min() + CapWindow);
                return Task.FromResult(AlertFiringOutcome.Held);
            }
            // The row goes to the rule's chat, whatever the draft names.
            return Task.FromResult(_state.Outbox.Enqueue(firing.Message with { Chat = rule.Chat }, firing.FiredAt)
                ? AlertFiringOutcome.Enqueued
                : AlertFiringOutcome.Duplicate);
        }
    }

    public Task<IReadOnlyList<HeldAlertBatch>> GetReleasableHeldAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            var due = _state.Held.Values.GroupBy(h => h.Chat).Where(g => g.Min(h => h.ReleaseAt) <= now).Select(g => g.Key).ToHashSet();
            var rows = _state.Held.Values
                .Where(h => due.Contains(h.Chat))
                .Select(h => (ChatKey: _state.KeyOf(h.Chat), Chat: _state.EnsureChat(h.Chat), h.Alert))
                .OrderBy(r => r.ChatKey).ThenBy(r => r.Alert.Id)
                .ToList();
            return Task.FromResult(HeldAlertBatches.Group(rows));
        }
    }

    public Task<bool> ReleaseHeldAsync(HeldAlertBatch batch, OutboxDraft summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(summary);
        lock (_state.Gate)
        {
            if (!batch.Alerts.All(a => _state.Held.ContainsKey(a.Id)) || _state.ChatOfKey(batch.ChatKey) is not { } chat)
            {
                return Task.FromResult(false); // Someone else released (part of) this batch: nothing changes, the next cycle sees the rest.
            }
            foreach (var alert in batch.Alerts)
            {
                _state.Held.Remove(alert.Id);
            }
            return Task.FromResult(_state.Outbox.Enqueue(summary with { Chat = chat }, _state.Clock.GetUtcNow()));
        }
    }

    private IEnumerable<AlertRule> Rules(ChatAddress chat) => _state.Rules.Values.Where(r => r.Chat == chat);

    /// <summary>Disarmed with its firing time; a one-shot (no repeat) is spent.</summary>
    private void Disarm(AlertRule rule, DateTimeOffset firedAt) =>
        _state.Rules[rule.Id] = rule with { Armed = false, Enabled = rule.Repeat, LastFiredAt = InMemoryStoreState.Ms(firedAt) };

    private void Hold(AlertRule rule, AlertFiring firing, string reason, DateTimeOffset releaseAt)
    {
        var id = _state.NextId();
        _state.Held[id] = new InMemoryStoreState.HeldRow(id, rule.Chat, rule.Id, new HeldAlert(id, InMemoryStoreState.Ms(firing.FiredAt), reason, firing.HeldText),
            InMemoryStoreState.Ms(releaseAt));
    }

    /// <summary>Cooldowns are stored in whole seconds.</summary>
    private static TimeSpan Seconds(TimeSpan span) => TimeSpan.FromSeconds((long)span.TotalSeconds);
}
