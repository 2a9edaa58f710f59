using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;

namespace DerivBot.Testing;

/// <summary>
/// The in-memory <see cref="ISubscriptionStore"/>, held to <see cref="SubscriptionStoreContract"/> like the SQLite and
/// PostgreSQL stores: settings writes create the chat; adds are all-or-nothing under the limit (a refused add leaves no
/// chat behind) and report duplicates; digests enqueue into the shared outbox once per idempotency key and advance their
/// subscription; a skipped digest's notice is told once per outage; mutes cover alerts too (see
/// <see cref="InMemoryStoreState"/>, which it shares with <see cref="InMemoryAlertStore"/>).
/// </summary>
public sealed class InMemorySubscriptionStore : ISubscriptionStore
{
    private readonly InMemoryStoreState _state;

    public InMemorySubscriptionStore(InMemoryStoreState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <summary>A store on a state of its own (its registry and outbox are <see cref="State"/>'s).</summary>
    public InMemorySubscriptionStore(TimeProvider clock) : this(new InMemoryStoreState(clock))
    {
    }

    public InMemoryStoreState State => _state;

    public Task<ChatSettings?> GetChatAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        Task.FromResult(_state.Chats.Chats.TryGetValue(chat, out var settings) ? settings : null);

    public Task SetLanguageAsync(ChatAddress chat, Language language, CancellationToken cancellationToken) =>
        UpdateChat(chat, s => s with { Language = language });

    public Task SetTimeZoneAsync(ChatAddress chat, string timeZone, Func<Subscription, DateTimeOffset> nextDue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextDue);
        lock (_state.Gate)
        {
            _state.EnsureChat(chat);
            _state.Chats.Update(chat, s => s with { TimeZone = timeZone });
            foreach (var row in Rows(chat))
            {
                row.NextDueAt = InMemoryStoreState.Ms(nextDue(row.ToSubscription()));
            }
        }
        return Task.CompletedTask;
    }

    public Task SetQuietHoursAsync(ChatAddress chat, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken) =>
        UpdateChat(chat, s => s with { QuietStart = Minute(start), QuietEnd = Minute(end) });

    public Task<AddOutcome<Subscription>> AddSubscriptionsAsync(ChatAddress chat, IReadOnlyList<NewSubscription> subscriptions, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        lock (_state.Gate)
        {
            var current = Rows(chat).Select(r => r.ToSubscription()).ToList();
            var plan = SubscriptionAddPlan.For(current, subscriptions, limit);
            if (plan.OverLimit)
            {
                // The store's transaction rolls back: not even the chat row it created stays.
                return Task.FromResult(new AddOutcome<Subscription>([], plan.Existing, LimitReached: true, current.Count));
            }
            _state.EnsureChat(chat);
            var now = InMemoryStoreState.Ms(_state.Clock.GetUtcNow());
            var added = new List<Subscription>();
            foreach (var s in plan.ToAdd)
            {
                var row = new InMemoryStoreState.SubscriptionRow(_state.NextId(), chat, s, now);
                _state.Subscriptions[row.Id] = row;
                // As the stores return it: the due time as asked, not yet read back (to the millisecond).
                added.Add(row.ToSubscription() with { NextDueAt = s.NextDueAt });
            }
            return Task.FromResult(new AddOutcome<Subscription>(added, plan.Existing, LimitReached: false, current.Count + added.Count));
        }
    }

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            return Task.FromResult<IReadOnlyList<Subscription>>(Rows(chat).Select(r => r.ToSubscription()).ToList());
        }
    }

    public Task<int> RemoveSubscriptionsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_state.Gate)
        {
            var removed = Rows(chat).Where(r => target.All || (target.Id is { } id ? r.Id == id : r.Symbol == target.Symbol)).ToList();
            foreach (var row in removed)
            {
                _state.Subscriptions.Remove(row.Id);
            }
            return Task.FromResult(removed.Count);
        }
    }

    public Task<DateTimeOffset?> GetEarliestDueAsync(CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            return Task.FromResult(_state.Subscriptions.Count == 0 ? null : (DateTimeOffset?)_state.Subscriptions.Values.Min(r => r.NextDueAt));
        }
    }

    public Task<IReadOnlyList<DueSubscription>> GetDueSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            var due = _state.Subscriptions.Values
                .Where(r => r.NextDueAt <= now)
                .OrderBy(r => r.NextDueAt).ThenBy(r => r.Id)
                .Select(r => new DueSubscription(r.ToSubscription(), _state.EnsureChat(r.Chat), _state.IsMuted(r.Chat, r.Symbol.Value, now), r.Retry,
                    _state.OutageNoticed.Contains(r.Chat)))
                .ToList();
            return Task.FromResult<IReadOnlyList<DueSubscription>>(due);
        }
    }

    public Task<int> RecordDigestsAsync(IReadOnlyList<DigestDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        lock (_state.Gate)
        {
            var now = _state.Clock.GetUtcNow();
            var enqueued = 0;
            foreach (var delivery in deliveries)
            {
                foreach (var message in delivery.Messages)
                {
                    _state.EnsureChat(message.Chat);
                    if (_state.Outbox.Enqueue(message, now))
                    {
                        enqueued++;
                    }
                }
                if (_state.Subscriptions.TryGetValue(delivery.SubscriptionId, out var row))
                {
                    row.LastFiredAt = InMemoryStoreState.Ms(delivery.FiredFor);
                    row.NextDueAt = InMemoryStoreState.Ms(delivery.NextDueAt);
                    row.Retry = null;
                    if (delivery.Messages.Count > 0)
                    {
                        // A digest got through: the chat's outage (if any) is over, the next skip may be told again.
                        _state.OutageNoticed.Remove(row.Chat);
                    }
                }
            }
            return Task.FromResult(enqueued);
        }
    }

    public Task PostponeAsync(long subscriptionId, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            if (_state.Subscriptions.TryGetValue(subscriptionId, out var row))
            {
                row.NextDueAt = InMemoryStoreState.Ms(nextDueAt);
            }
        }
        return Task.CompletedTask;
    }

    public Task PostponeDigestAsync(long subscriptionId, DateTimeOffset slotDueAt, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            if (_state.Subscriptions.TryGetValue(subscriptionId, out var row))
            {
                row.NextDueAt = InMemoryStoreState.Ms(retryAt);
                row.Retry = new DigestRetry(row.Retry?.SlotDueAt ?? InMemoryStoreState.Ms(slotDueAt), (row.Retry?.Failures ?? 0) + 1);
            }
        }
        return Task.CompletedTask;
    }

    public Task<bool> SkipDigestAsync(DigestSkip skip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skip);
        lock (_state.Gate)
        {
            if (_state.Subscriptions.TryGetValue(skip.SubscriptionId, out var row))
            {
                row.NextDueAt = InMemoryStoreState.Ms(skip.NextDueAt);
                row.Retry = null;
            }
            var told = false;
            if (skip.Notice is { } notice)
            {
                _state.EnsureChat(notice.Chat);
                if (_state.OutageNoticed.Add(notice.Chat))
                {
                    told = _state.Outbox.Enqueue(notice, _state.Clock.GetUtcNow());
                }
            }
            return Task.FromResult(told);
        }
    }

    public Task MuteAsync(ChatAddress chat, Symbol? symbol, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            _state.EnsureChat(chat);
            _state.Mutes[(chat, symbol?.Value ?? "")] = InMemoryStoreState.Ms(until);
        }
        return Task.CompletedTask;
    }

    public Task<int> UnmuteAsync(ChatAddress chat, Symbol? symbol, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            var removed = _state.Mutes.Keys.Where(k => k.Chat == chat && (symbol is null || k.Symbol == symbol.Value.Value)).ToList();
            foreach (var key in removed)
            {
                _state.Mutes.Remove(key);
            }
            return Task.FromResult(removed.Count);
        }
    }

    public Task<IReadOnlyList<Mute>> ListMutesAsync(ChatAddress chat, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            var mutes = _state.Mutes
                .Where(m => m.Key.Chat == chat && m.Value > now)
                .OrderBy(m => m.Key.Symbol, StringComparer.Ordinal)
                .Select(m => new Mute(m.Key.Symbol.Length == 0 ? null : new Symbol(m.Key.Symbol), m.Value))
                .ToList();
            return Task.FromResult<IReadOnlyList<Mute>>(mutes);
        }
    }

    public Task<IReadOnlyList<Symbol>> GetWatchedSymbolsAsync(CancellationToken cancellationToken)
    {
        lock (_state.Gate)
        {
            var symbols = _state.Subscriptions.Values.Where(r => _state.IsActive(r.Chat)).Select(r => r.Symbol.Value)
                .Concat(_state.Rules.Values.Where(r => r.Enabled && _state.IsActive(r.Chat)).Select(r => r.Symbol.Value))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(s => new Symbol(s))
                .ToList();
            return Task.FromResult<IReadOnlyList<Symbol>>(symbols);
        }
    }

    private IEnumerable<InMemoryStoreState.SubscriptionRow> Rows(ChatAddress chat) => _state.Subscriptions.Values.Where(r => r.Chat == chat);

    private Task UpdateChat(ChatAddress chat, Func<ChatSettings, ChatSettings> change)
    {
        lock (_state.Gate)
        {
            _state.EnsureChat(chat);
            _state.Chats.Update(chat, change);
        }
        return Task.CompletedTask;
    }

    /// <summary>Quiet hours are stored as HH:mm.</summary>
    private static TimeOnly? Minute(TimeOnly? time) => time is { } t ? new TimeOnly(t.Hour, t.Minute) : null;
}
