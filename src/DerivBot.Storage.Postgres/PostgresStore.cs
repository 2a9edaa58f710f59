using DerivBot.Application.Alerts;
using DerivBot.Application.Coordination;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Application.Study;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Ports;

namespace DerivBot.Storage.Postgres;

/// <summary>
/// The PostgreSQL implementation of the storage ports and of <see cref="IChatRegistry"/> — the same ports and the same
/// behaviour as <c>SqliteStore</c>, for several instances of the bot on one database. Thread-safe: every call uses its
/// own pooled connection. Split per area exactly like <c>SqliteStore</c> (<c>PostgresStore.OutboxClaims.cs</c>, …); what both do alike is in <see cref="RelationalStore"/>.
/// SQLite serialises writers (BEGIN IMMEDIATE); PostgreSQL runs them side by side (READ COMMITTED), so where a
/// write depends on what it read (a chat's limit, a rule still armed) the row is locked or the check is part of the
/// UPDATE itself.
/// </summary>
public sealed partial class PostgresStore : RelationalStore, IChatRegistry, ISharedCursorStore, IQuizStore, ISubscriptionStore, IAlertStore, IOutboxStore, IMarketHistoryStore, IOptionsHistoryStore
{
    private readonly PostgresDatabase _database;

    public PostgresStore(PostgresDatabase database, TimeProvider clock)
        : base(new PostgresDialect(database, clock))
    {
        _database = database;
    }
}
