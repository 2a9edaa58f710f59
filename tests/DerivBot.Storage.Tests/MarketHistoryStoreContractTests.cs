using DerivBot.Application.Market;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>The market history contract on SQLite (a real file in a temp folder).</summary>
public sealed class SqliteMarketHistoryStoreContractTests : MarketHistoryStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<SqliteDatabase> _databases = [];

    protected override Task<IMarketHistoryStore> CreateAsync()
    {
        var database = SqliteDatabase.ForFile(_dir.File($"history-{_databases.Count}.db"));
        _databases.Add(database);
        return Task.FromResult<IMarketHistoryStore>(new SqliteStore(database, new ManualTimeProvider(T0)));
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

/// <summary>The market history contract on the in-memory fake.</summary>
public sealed class InMemoryMarketHistoryStoreContractTests : MarketHistoryStoreContract
{
    protected override Task<IMarketHistoryStore> CreateAsync() => Task.FromResult<IMarketHistoryStore>(new InMemoryMarketHistoryStore());
}

/// <summary>The market history contract on PostgreSQL (a fresh database per test).</summary>
public sealed class PostgresMarketHistoryStoreContractTests : MarketHistoryStoreContract, IRequiresPostgres, IAsyncDisposable
{
    private readonly List<Postgres.PostgresDatabase> _databases = [];

    protected override async Task<IMarketHistoryStore> CreateAsync()
    {
        var database = Postgres.PostgresDatabase.ForConnectionString(await PostgresCluster.CreateDatabaseAsync());
        _databases.Add(database);
        return new Postgres.PostgresStore(database, new ManualTimeProvider(T0));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
