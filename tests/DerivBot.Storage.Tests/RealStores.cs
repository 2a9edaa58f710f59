using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>
/// Real stores for a contract that takes <see cref="StorePorts"/>: each <see cref="Open"/> is a fresh database of the
/// provider (created lazily, so a skipped PostgreSQL test never touches the cluster), dropped on dispose.
/// </summary>
internal sealed class RealStores(StoreProvider provider) : IDisposable
{
    private readonly List<StoreDatabase> _databases = [];

    public StorePorts Open(TimeProvider clock)
    {
        var database = provider.CreateDatabase();
        _databases.Add(database);
        return StorePorts.Of(database.OpenStore(clock));
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }
}
