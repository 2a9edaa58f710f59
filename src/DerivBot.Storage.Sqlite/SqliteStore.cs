using DerivBot.Application.Alerts;
using DerivBot.Application.Coordination;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Application.Study;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Ports;

namespace DerivBot.Storage;

/// <summary>
/// The embedded SQLite implementation of the storage ports and of <see cref="IChatRegistry"/>. Thread-safe: every call
/// uses its own pooled connection; writes are single BEGIN IMMEDIATE transactions. What it does exactly like
/// <c>PostgresStore</c> is in <see cref="RelationalStore"/> over <see cref="SqliteDialect"/>.
/// </summary>
public sealed partial class SqliteStore : RelationalStore, IChatRegistry, ISharedCursorStore, IQuizStore, ISubscriptionStore, IAlertStore, IOutboxStore, IMarketHistoryStore, Core.Ports.IOptionsHistoryStore
{
    private readonly SqliteDatabase _database;

    public SqliteStore(SqliteDatabase database, TimeProvider clock)
        : base(new SqliteDialect(database, clock))
    {
        _database = database;
    }
}
