using DerivBot.Core.Ports;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>The SQLite store (a real file in a temp folder) against the <see cref="IChatRegistry"/> contract.</summary>
public sealed class SqliteChatRegistryContractTests : ChatRegistryContract, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<SqliteDatabase> _databases = [];

    protected override Task<IChatRegistry> CreateAsync()
    {
        var database = SqliteDatabase.ForFile(_dir.File($"chats-{_databases.Count}.db"));
        _databases.Add(database);
        return Task.FromResult<IChatRegistry>(new SqliteStore(database, new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero))));
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

/// <summary>The shared fake against the same contract.</summary>
public sealed class InMemoryChatRegistryContractTests : ChatRegistryContract
{
    protected override Task<IChatRegistry> CreateAsync() => Task.FromResult<IChatRegistry>(new InMemoryChatRegistry());
}

/// <summary>The PostgreSQL store against the same contract, a fresh database per registry.</summary>
public sealed class PostgresChatRegistryContractTests : ChatRegistryContract, IRequiresPostgres, IDisposable
{
    private readonly RealStores _stores = new(StoreProvider.Postgres);

    protected override Task<IChatRegistry> CreateAsync() =>
        Task.FromResult(_stores.Open(new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero))).Chats);

    public void Dispose() => _stores.Dispose();
}
