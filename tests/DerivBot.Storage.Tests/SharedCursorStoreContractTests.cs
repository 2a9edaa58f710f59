using DerivBot.Application.Coordination;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>The shared-cursor contract on SQLite: two store objects on one database file.</summary>
public sealed class SqliteSharedCursorStoreContractTests : SharedCursorStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<SqliteDatabase> _databases = [];

    protected override Task<(ISharedCursorStore First, ISharedCursorStore Second)> CreateAsync()
    {
        var database = SqliteDatabase.ForFile(_dir.File("cursors.db"));
        _databases.Add(database);
        return Task.FromResult<(ISharedCursorStore, ISharedCursorStore)>((new SqliteStore(database, TimeProvider.System), new SqliteStore(database, TimeProvider.System)));
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

/// <summary>The shared-cursor contract on the in-memory fake.</summary>
public sealed class InMemorySharedCursorStoreContractTests : SharedCursorStoreContract
{
    protected override Task<(ISharedCursorStore First, ISharedCursorStore Second)> CreateAsync()
    {
        var store = new InMemorySharedCursorStore();
        return Task.FromResult<(ISharedCursorStore, ISharedCursorStore)>((store, store));
    }
}

/// <summary>The shared-cursor contract on PostgreSQL: two store objects with their own pools (two instances) on one database.</summary>
public sealed class PostgresSharedCursorStoreContractTests : SharedCursorStoreContract, IRequiresPostgres, IAsyncDisposable
{
    private readonly List<Postgres.PostgresDatabase> _databases = [];

    protected override async Task<(ISharedCursorStore First, ISharedCursorStore Second)> CreateAsync()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync();
        var first = Postgres.PostgresDatabase.ForConnectionString(connectionString);
        var second = Postgres.PostgresDatabase.ForConnectionString(connectionString);
        _databases.Add(first);
        _databases.Add(second);
        return (new Postgres.PostgresStore(first, TimeProvider.System), new Postgres.PostgresStore(second, TimeProvider.System));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
