using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>The alert contract on the in-memory fakes (one shared state).</summary>
public sealed class InMemoryAlertStoreContractTests : AlertStoreContract
{
    protected override Task<StorePorts> CreateAsync(TimeProvider clock) => Task.FromResult(StorePorts.InMemory(clock));
}

/// <summary>The alert contract on a real store: a fresh database per test.</summary>
public abstract class AlertStoreTests(StoreProvider provider) : AlertStoreContract, IDisposable
{
    private readonly RealStores _stores = new(provider);

    protected override Task<StorePorts> CreateAsync(TimeProvider clock) => Task.FromResult(_stores.Open(clock));

    public void Dispose()
    {
        _stores.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteAlertStoreContractTests() : AlertStoreTests(StoreProvider.Sqlite);

public sealed class PostgresAlertStoreContractTests() : AlertStoreTests(StoreProvider.Postgres), IRequiresPostgres;
