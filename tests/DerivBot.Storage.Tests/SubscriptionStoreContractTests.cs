using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>The subscription contract on the in-memory fakes (one shared state).</summary>
public sealed class InMemorySubscriptionStoreContractTests : SubscriptionStoreContract
{
    protected override Task<StorePorts> CreateAsync(TimeProvider clock) => Task.FromResult(StorePorts.InMemory(clock));
}

/// <summary>The subscription contract on a real store: a fresh database per test.</summary>
public abstract class SubscriptionStoreTests(StoreProvider provider) : SubscriptionStoreContract, IDisposable
{
    private readonly RealStores _stores = new(provider);

    protected override Task<StorePorts> CreateAsync(TimeProvider clock) => Task.FromResult(_stores.Open(clock));

    public void Dispose()
    {
        _stores.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSubscriptionStoreContractTests() : SubscriptionStoreTests(StoreProvider.Sqlite);

public sealed class PostgresSubscriptionStoreContractTests() : SubscriptionStoreTests(StoreProvider.Postgres), IRequiresPostgres;
