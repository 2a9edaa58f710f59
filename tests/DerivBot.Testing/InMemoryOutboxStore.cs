using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;

namespace DerivBot.Testing;

/// <summary>
/// The in-memory <see cref="IOutboxStore"/>: same rules as the SQLite and PostgreSQL stores (unique idempotency key;
/// claims of chat heads only, oldest first, under a lease that hides a chat from every other claimer until the result
/// is recorded or the lease expires; completion clears the claim; times kept to the millisecond). All pass
/// <see cref="OutboxStoreContract"/>. Chats are active unless <see cref="MarkInactive"/> says otherwise (or, on an
/// <see cref="InMemoryStoreState"/>, the chat registry fake it shares: the store reads its chat rows).
/// </summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Row> _rows = [];
    private readonly HashSet<string> _keys = [];
    private readonly Dictionary<ChatAddress, string> _inactive = [];
    private long _nextId = 1;

    /// <summary>Marks a chat inactive, as the chat registry would; its messages come out with ChatActive false.</summary>
    public void MarkInactive(ChatAddress chat, string reason)
    {
        lock (_gate)
        {
            _inactive[chat] = reason;
        }
    }

    /// <summary>Until when message <paramref name="id"/> is claimed, or null (for tests).</summary>
    public DateTimeOffset? ClaimedUntil(long id)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(id, out var row) ? row.ClaimedUntil : null;
        }
    }

    /// <summary>Who holds the claim on message <paramref name="id"/>, or null (for tests).</summary>
    public string? ClaimedBy(long id)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(id, out var row) ? row.ClaimedBy : null;
        }
    }

    public Task<bool> EnqueueAsync(OutboxDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Task.FromResult(Enqueue(draft, now));
    }

    /// <summary>Enqueues unless the idempotency key exists (the INSERT OR IGNORE the other in-memory stores write with).</summary>
    internal bool Enqueue(OutboxDraft draft, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_keys.Add(draft.IdempotencyKey))
            {
                return false;
            }
            var id = _nextId++;
            var at = Ms(now);
            _rows[id] = new Row(id, draft, at) { NextAttemptAt = at };
            return true;
        }
    }

    /// <summary>When each message of <paramref name="kind"/> to <paramref name="chat"/> was enqueued, whatever its state (the hourly alert cap counts them).</summary>
    internal List<DateTimeOffset> EnqueuedAt(ChatAddress chat, OutboxKind kind)
    {
        lock (_gate)
        {
            return _rows.Values.Where(r => r.Draft.Chat == chat && r.Draft.Kind == kind).Select(r => r.CreatedAt).ToList();
        }
    }

    /// <summary>A chat migrated: its messages follow it (an inactive mark follows a renamed chat; a known new chat keeps its own).</summary>
    internal void MoveChat(ChatAddress from, ChatAddress to, bool toKnown)
    {
        lock (_gate)
        {
            foreach (var row in _rows.Values.Where(r => r.Draft.Chat == from))
            {
                row.Draft = row.Draft with { Chat = to };
            }
            if (_inactive.Remove(from, out var reason) && !toKnown)
            {
                _inactive[to] = reason;
            }
        }
    }

    public Task<OutboxItem?> PeekNextAsync(ChatPlatform platform, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var row = _rows.Values.FirstOrDefault(r => r.Status == Status.Pending && r.Draft.Chat.Platform == platform && r.NextAttemptAt <= now);
            return Task.FromResult(row is null ? null : Item(row));
        }
    }

    public Task<IReadOnlyList<OutboxItem>> ClaimChatHeadsAsync(ChatPlatform platform, string claimedBy, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimedBy);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        lock (_gate)
        {
            var until = Ms(now + lease);
            var claimed = Heads()
                .Where(r => r.Draft.Chat.Platform == platform && r.NextAttemptAt <= now && (r.ClaimedUntil is null || r.ClaimedUntil <= now))
                .OrderByDescending(r => r.Draft.Kind == OutboxKind.Reply).ThenBy(r => r.Id)
                .Take(limit)
                .ToList();
            foreach (var row in claimed)
            {
                row.ClaimedBy = claimedBy;
                row.ClaimedUntil = until;
            }
            return Task.FromResult<IReadOnlyList<OutboxItem>>(claimed.Select(Item).ToList());
        }
    }

    public Task ExtendClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (_rows.TryGetValue(id, out var row) && row.ClaimedBy == claimedBy && row.Status == Status.Pending)
                {
                    row.ClaimedUntil = Ms(until);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task ReleaseClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (_rows.TryGetValue(id, out var row) && row.ClaimedBy == claimedBy)
                {
                    row.ClaimedBy = null;
                    row.ClaimedUntil = null;
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task CompleteAsync(IReadOnlyList<OutboxCompletion> completions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completions);
        lock (_gate)
        {
            foreach (var done in completions)
            {
                if (!_rows.TryGetValue(done.Id, out var row))
                {
                    continue;
                }
                row.Attempts++;
                row.Reason = done.Reason;
                row.ClaimedBy = null;
                row.ClaimedUntil = null;
                if (done.Outcome == OutboxOutcome.Retry)
                {
                    row.NextAttemptAt = Ms(done.At);
                }
                else
                {
                    row.Status = done.Outcome == OutboxOutcome.Sent ? Status.Sent : Status.Dropped;
                    row.FinishedAt = Ms(done.At);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetNextAttemptAsync(ChatPlatform platform, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var times = Heads().Where(r => r.Draft.Chat.Platform == platform)
                .Select(r => r.ClaimedUntil is { } until && until > r.NextAttemptAt ? until : r.NextAttemptAt)
                .ToList();
            return Task.FromResult<DateTimeOffset?>(times.Count == 0 ? null : times.Min());
        }
    }

    public Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        CompleteAsync([new OutboxCompletion(id, OutboxOutcome.Sent, sentAt)], cancellationToken);

    public Task MarkDroppedAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        CompleteAsync([new OutboxCompletion(id, OutboxOutcome.Dropped, at, reason)], cancellationToken);

    public Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        CompleteAsync([new OutboxCompletion(id, OutboxOutcome.Retry, nextAttemptAt, reason)], cancellationToken);

    public Task<OutboxStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new OutboxStats(
                _rows.Values.Count(r => r.Status == Status.Pending),
                _rows.Values.Count(r => r.Status == Status.Sent),
                _rows.Values.Count(r => r.Status == Status.Dropped)));
        }
    }

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _rows.Values.Where(r => r.Status != Status.Pending && r.FinishedAt < before).ToList();
            foreach (var row in old)
            {
                _rows.Remove(row.Id);
                _keys.Remove(row.Draft.IdempotencyKey);
            }
            return Task.FromResult(old.Count);
        }
    }

    /// <summary>Each chat's oldest pending row, oldest first (caller holds the lock).</summary>
    private IEnumerable<Row> Heads()
    {
        var seen = new HashSet<ChatAddress>();
        foreach (var row in _rows.Values)
        {
            if (row.Status == Status.Pending && seen.Add(row.Draft.Chat))
            {
                yield return row;
            }
        }
    }

    /// <summary>Set by an <see cref="InMemoryStoreState"/>: the chat registry says which chats are inactive, as the store's chat rows do.</summary>
    internal Func<ChatAddress, string?>? InactiveReason { get; set; }

    private OutboxItem Item(Row row)
    {
        var reason = InactiveReason?.Invoke(row.Draft.Chat);
        var inactive = reason is not null || _inactive.TryGetValue(row.Draft.Chat, out reason);
        return new OutboxItem(row.Id, row.Draft.Chat, !inactive, inactive ? reason : null, row.Draft.Kind, row.Draft.IdempotencyKey,
            row.Draft.Message, row.Attempts, row.CreatedAt);
    }

    private static DateTimeOffset Ms(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private enum Status { Pending, Sent, Dropped }

    private sealed class Row(long id, OutboxDraft draft, DateTimeOffset createdAt)
    {
        public long Id { get; } = id;
        public OutboxDraft Draft { get; set; } = draft;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public Status Status { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public int Attempts { get; set; }
        public string? Reason { get; set; }
        public string? ClaimedBy { get; set; }
        public DateTimeOffset? ClaimedUntil { get; set; }
    }
}
