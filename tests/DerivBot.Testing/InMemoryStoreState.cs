using DerivBot.Application.Alerts;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;

namespace DerivBot.Testing;

/// <summary>
/// What one database holds, for the in-memory stores that share it the way the SQLite and PostgreSQL stores share their
/// tables: chats live in <see cref="Chats"/> (the chat registry fake), messages in <see cref="Outbox"/>, and subscriptions,
/// alert rules, mutes, held alerts and each chat's digest-outage flag here. An <see cref="InMemorySubscriptionStore"/> and
/// an <see cref="InMemoryAlertStore"/> on one state see each other's writes (a mute silences alerts, rules count as
/// watched symbols), write their messages into <see cref="Outbox"/> and create chats in <see cref="Chats"/>; a migration
/// through <see cref="Chats"/> moves the chat's rows like the real store's. Times are kept to the millisecond, quiet
/// hours to the minute, as the stores keep them.
/// </summary>
public sealed class InMemoryStoreState
{
    private readonly Dictionary<ChatAddress, long> _chatKeys = [];
    private long _nextChatKey = 1;
    private long _nextId = 1;

    /// <param name="clock">Stamps rows the port gives no time for (a subscription's creation, a summary or notice enqueued).</param>
    /// <param name="chats">The chat registry the stores create and read chats in (a new one when null).</param>
    /// <param name="outbox">The outbox the stores enqueue into (a new one when null).</param>
    public InMemoryStoreState(TimeProvider clock, InMemoryChatRegistry? chats = null, InMemoryOutboxStore? outbox = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
        Chats = chats ?? new InMemoryChatRegistry();
        Outbox = outbox ?? new InMemoryOutboxStore();
        Chats.Migrated += MoveRows;
        Outbox.InactiveReason = Chats.InactiveReason;
    }

    public TimeProvider Clock { get; }

    public InMemoryChatRegistry Chats { get; }

    public InMemoryOutboxStore Outbox { get; }

    /// <summary>Held by every read and write of the rows below: each port call is one transaction.</summary>
    internal Lock Gate { get; } = new();

    internal SortedDictionary<long, SubscriptionRow> Subscriptions { get; } = [];

    internal SortedDictionary<long, AlertRule> Rules { get; } = [];

    /// <summary>Mutes by chat and symbol ("" = every symbol), until when.</summary>
    internal Dictionary<(ChatAddress Chat, string Symbol), DateTimeOffset> Mutes { get; } = [];

    internal SortedDictionary<long, HeldRow> Held { get; } = [];

    /// <summary>Chats told about a skipped digest during the current outage.</summary>
    internal HashSet<ChatAddress> OutageNoticed { get; } = [];

    /// <summary>A new row id (ids only grow, as the databases' sequences do).</summary>
    internal long NextId() => _nextId++;

    /// <summary>The chat's settings, creating the chat as first contact would (caller holds <see cref="Gate"/>).</summary>
    internal ChatSettings EnsureChat(ChatAddress chat)
    {
        KeyOf(chat);
        return Chats.GetOrCreate(chat);
    }

    /// <summary>The chat's stable row key (what <see cref="HeldAlertBatch.ChatKey"/> carries).</summary>
    internal long KeyOf(ChatAddress chat) => _chatKeys.TryGetValue(chat, out var key) ? key : _chatKeys[chat] = _nextChatKey++;

    internal ChatAddress? ChatOfKey(long key)
    {
        foreach (var (chat, k) in _chatKeys)
        {
            if (k == key)
            {
                return chat;
            }
        }
        return null;
    }

    internal bool IsActive(ChatAddress chat) => Chats.Chats.TryGetValue(chat, out var settings) && settings.Active;

    /// <summary>Muted at <paramref name="now"/>: a mute of the symbol or of everything that has not ended.</summary>
    internal bool IsMuted(ChatAddress chat, string symbol, DateTimeOffset now) =>
        (Mutes.TryGetValue((chat, symbol), out var until) && until > now) || (Mutes.TryGetValue((chat, ""), out var all) && all > now);

    internal static DateTimeOffset Ms(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <summary>
    /// The registry moved a chat. To an unknown id the rows simply follow; onto a known chat they move too, except
    /// subscriptions and mutes the new chat already has, which go with the old chat (the stores' UPDATE OR IGNORE + cascade).
    /// </summary>
    private void MoveRows(ChatAddress from, ChatAddress to, bool toKnown)
    {
        lock (Gate)
        {
            foreach (var row in Subscriptions.Values.Where(r => r.Chat == from).ToList())
            {
                var clash = toKnown && Subscriptions.Values.Any(r => r.Chat == to && r.Symbol == row.Symbol && r.Kind == row.Kind && r.Schedule == row.Schedule);
                if (clash)
                {
                    Subscriptions.Remove(row.Id);
                }
                else
                {
                    row.Chat = to;
                }
            }
            foreach (var rule in Rules.Values.Where(r => r.Chat == from).ToList())
            {
                Rules[rule.Id] = rule with { Chat = to };
            }
            foreach (var ((chat, symbol), until) in Mutes.Where(m => m.Key.Chat == from).ToList())
            {
                Mutes.Remove((chat, symbol));
                Mutes.TryAdd((to, symbol), until);
            }
            foreach (var held in Held.Values.Where(h => h.Chat == from))
            {
                held.Chat = to;
            }
            Outbox.MoveChat(from, to, toKnown);
            if (OutageNoticed.Remove(from) && !toKnown)
            {
                OutageNoticed.Add(to);
            }
            if (_chatKeys.Remove(from, out var key) && !toKnown && !_chatKeys.ContainsKey(to))
            {
                _chatKeys[to] = key; // Renamed: the same row.
            }
        }
    }

    internal sealed class SubscriptionRow(long id, ChatAddress chat, NewSubscription created, DateTimeOffset createdAt)
    {
        public long Id { get; } = id;
        public ChatAddress Chat { get; set; } = chat;
        public Core.Markets.Symbol Symbol { get; } = created.Symbol;
        public DigestKind Kind { get; } = created.Kind;
        public DigestSchedule Schedule { get; } = created.Schedule;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public DateTimeOffset NextDueAt { get; set; } = Ms(created.NextDueAt);
        public DateTimeOffset? LastFiredAt { get; set; }
        public DigestRetry? Retry { get; set; }

        public Subscription ToSubscription() => new(Id, Chat, Symbol, Kind, Schedule, CreatedAt, NextDueAt, LastFiredAt);
    }

    internal sealed class HeldRow(long id, ChatAddress chat, long ruleId, HeldAlert alert, DateTimeOffset releaseAt)
    {
        public long Id { get; } = id;
        public ChatAddress Chat { get; set; } = chat;
        public long RuleId { get; } = ruleId;
        public HeldAlert Alert { get; } = alert;
        public DateTimeOffset ReleaseAt { get; } = releaseAt;
    }
}
