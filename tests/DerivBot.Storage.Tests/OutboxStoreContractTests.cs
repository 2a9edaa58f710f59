using DerivBot.Application.Outbox;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>The outbox contract on SQLite: two store objects (two claimers) on one database file.</summary>
public sealed class SqliteOutboxStoreContractTests : OutboxStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<SqliteDatabase> _databases = [];

    protected override Task<(IOutboxStore First, IOutboxStore Second)> CreateAsync()
    {
        var database = SqliteDatabase.ForFile(_dir.File("outbox.db"));
        _databases.Add(database);
        var clock = new ManualTimeProvider(T0);
        return Task.FromResult<(IOutboxStore, IOutboxStore)>((new SqliteStore(database, clock), new SqliteStore(database, clock)));
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

/// <summary>The outbox contract on the in-memory fake.</summary>
public sealed class InMemoryOutboxStoreContractTests : OutboxStoreContract
{
    protected override Task<(IOutboxStore First, IOutboxStore Second)> CreateAsync()
    {
        var store = new InMemoryOutboxStore();
        return Task.FromResult<(IOutboxStore, IOutboxStore)>((store, store));
    }
}

/// <summary>The outbox contract on PostgreSQL: two store objects with their own connection pools (two instances) on one database.</summary>
public sealed class PostgresOutboxStoreContractTests : OutboxStoreContract, IRequiresPostgres, IAsyncDisposable
{
    private readonly List<Postgres.PostgresDatabase> _databases = [];

    protected override async Task<(IOutboxStore First, IOutboxStore Second)> CreateAsync()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync();
        var first = Postgres.PostgresDatabase.ForConnectionString(connectionString);
        var second = Postgres.PostgresDatabase.ForConnectionString(connectionString);
        _databases.Add(first);
        _databases.Add(second);
        var clock = new ManualTimeProvider(T0);
        return (new Postgres.PostgresStore(first, clock), new Postgres.PostgresStore(second, clock));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
