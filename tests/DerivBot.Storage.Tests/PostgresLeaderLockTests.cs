using DerivBot.Application.Coordination;
using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DerivBot.Storage.Tests;

/// <summary>The PostgreSQL advisory lock passes the same leader-lock contract as the in-process lock and the fake.</summary>
public sealed class PostgresLeaderLockContractTests : LeaderLockContract, IRequiresPostgres, IAsyncDisposable
{
    private readonly List<PostgresLeaderLock> _locks = [];
    private string? _connectionString;

    internal static PostgresLeaderLock Create(string connectionString, TimeSpan? checkInterval = null) =>
        new(Options.Create(new PostgresStorageOptions { ConnectionString = connectionString }),
            Options.Create(new PostgresLeaderLockOptions { LeaderLockCheckInterval = checkInterval ?? TimeSpan.FromSeconds(1) }),
            TimeProvider.System, NullLogger<PostgresLeaderLock>.Instance);

    protected override async Task<(ILeaderLock First, ILeaderLock Second)> CreateContendersAsync()
    {
        _connectionString = await PostgresCluster.CreateDatabaseAsync();
        var first = Create(_connectionString);
        var second = Create(_connectionString);
        _locks.Add(first);
        _locks.Add(second);
        return (first, second);
    }

    protected override async Task<bool> KillHolderAsync(ILeaderLock owner, ILeaderLease lease)
    {
        // What the server does when the holder's process dies: the session ends, the lock goes with it.
        var pid = (int)lease.GetType().GetProperty("BackendPid")!.GetValue(lease)!;
        await using var admin = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
        cmd.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await cmd.ExecuteScalarAsync());
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var l in _locks)
        {
            await l.DisposeAsync();
        }
    }
}

public sealed class PostgresLeaderLockTests
{
    [Fact]
    public void KeyOf_StableAndDistinctPerName()
    {
        Assert.Equal(PostgresLeaderLock.KeyOf("telegram-poller:1"), PostgresLeaderLock.KeyOf("telegram-poller:1"));
        Assert.NotEqual(PostgresLeaderLock.KeyOf("telegram-poller:1"), PostgresLeaderLock.KeyOf("telegram-poller:2"));
    }

    [PostgresFact]
    public async Task Release_ThenOtherInstanceAcquiresAtOnce_NoStaleSessionHoldsIt()
    {
        using var timeout = TestTimeouts.NetworkToken();
        var cs = await PostgresCluster.CreateDatabaseAsync(timeout.Token);
        await using var a = PostgresLeaderLockContractTests.Create(cs);
        await using var b = PostgresLeaderLockContractTests.Create(cs);
        for (var i = 0; i < 3; i++)
        {
            var lease = await a.TryAcquireAsync("flip", timeout.Token);
            Assert.NotNull(lease);
            Assert.Null(await b.TryAcquireAsync("flip", timeout.Token));
            await lease.DisposeAsync();
            await using var other = await b.TryAcquireAsync("flip", timeout.Token);
            Assert.NotNull(other);
        }
    }
}
