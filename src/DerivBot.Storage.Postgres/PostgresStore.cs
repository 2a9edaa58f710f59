using DerivBot.Application.Subscriptions.Ports;
using DerivBot.Core.Ports;

namespace DerivBot.Storage.Postgres;

/// <summary>
/// The PostgreSQL implementation of the storage ports (the same ports and behaviour as the SQLite store), for
/// several instances of the bot on one database. Thread-safe: every call uses its own pooled connection. Split per
/// area exactly like <c>SqliteStore</c> (<c>PostgresStore.Outbox.cs</c>, …).
/// </summary>
public sealed partial class PostgresStore
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _clock;

    public PostgresStore(PostgresDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
    }
}
