using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Npgsql;

namespace DerivBot.Storage.Tests;

/// <summary>The PostgreSQL migration runner: versioned steps under an advisory lock, safe for instances starting together.</summary>
public sealed class PostgresMigrationTests
{
    [PostgresFact]
    public async Task Migrate_TwoInstancesAtOnceOnAFreshDatabase_BothEndAtLatestWithoutError()
    {
        using var timeout = TestTimeouts.NetworkToken();
        var connectionString = await PostgresCluster.CreateDatabaseAsync(timeout.Token);
        await using var first = PostgresDatabase.ForConnectionString(connectionString);
        await using var second = PostgresDatabase.ForConnectionString(connectionString);

        await Task.WhenAll(first.MigrateAsync(timeout.Token), second.MigrateAsync(timeout.Token));

        Assert.Equal(PostgresDatabase.LatestVersion, await first.GetVersionAsync(timeout.Token));
        await using var c = await second.OpenAsync(timeout.Token);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", c);
        Assert.Equal(1L, await count.ExecuteScalarAsync(timeout.Token));
    }

    [PostgresFact]
    public async Task Migrate_NewerThanBuild_RefusesWithClearMessage()
    {
        using var timeout = TestTimeouts.NetworkToken();
        var connectionString = await PostgresCluster.CreateDatabaseAsync(timeout.Token);
        await using (var database = PostgresDatabase.ForConnectionString(connectionString))
        {
            await database.MigrateAsync(timeout.Token);
            await using var c = await database.OpenAsync(timeout.Token);
            await using var cmd = new NpgsqlCommand("UPDATE schema_version SET version = 999", c);
            await cmd.ExecuteNonQueryAsync(timeout.Token);
        }
        await using var again = PostgresDatabase.ForConnectionString(connectionString);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => again.MigrateAsync(timeout.Token));
        Assert.Contains("999", ex.Message, StringComparison.Ordinal);
    }
}
