using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DerivBot.Storage.Tests;

/// <summary>Versioned migrations, the same contract for both providers.</summary>
public abstract class MigrationTests(StoreProvider provider)
{
    protected StoreProvider Provider => provider;

    [StoreFact]
    public async Task Migrate_FromVersion1WithData_KeepsDataAndAddsNewTables()
    {
        using var database = Provider.CreateDatabase();
        await database.MigrateAsync(targetVersion: 1, CancellationToken.None);
        Assert.Equal(1, await database.GetVersionAsync(CancellationToken.None));
        await database.ExecuteAsync($"""
            INSERT INTO chats (id, platform, chat_id, thread_id, language, time_zone, active, created_at, updated_at)
            VALUES (1, 'Telegram', '-1001', '', 'zh-TW', 'Asia/Taipei', {database.True}, 0, 0);
            INSERT INTO subscriptions (chat_key, symbol, kind, schedule, created_at, next_due_at) VALUES (1, 'BTCUSDT', 0, 'every:14400', 0, 1760068800000);
            INSERT INTO alert_rules (chat_key, symbol, metric, direction, threshold, cooldown_seconds, repeat, created_at) VALUES (1, 'ETHUSDT', 0, 0, '0.0005', 1800, {database.True}, 0);
            """, CancellationToken.None);

        var store = database.OpenStore(new ManualTimeProvider());
        var chat = new ChatAddress(ChatPlatform.Telegram, "-1001");
        var settings = await store.GetChatAsync(chat, CancellationToken.None);
        Assert.NotNull(settings);
        Assert.Equal(Core.Localization.Language.ZhTw, settings!.Language);
        Assert.Null(settings.QuietStart);
        var subscription = Assert.Single(await store.ListSubscriptionsAsync(chat, CancellationToken.None));
        Assert.Equal(DigestSchedule.Every(TimeSpan.FromHours(4)), subscription.Schedule);
        Assert.Equal(0.0005m, Assert.Single(await store.ListAlertsAsync(chat, CancellationToken.None)).Condition.Threshold);
        // Tables of later versions work on the migrated database.
        await store.SetQuietHoursAsync(chat, new TimeOnly(23, 0), new TimeOnly(7, 0), CancellationToken.None);
        await store.MuteAsync(chat, new Symbol("BTCUSDT"), DateTimeOffset.UnixEpoch.AddYears(60), CancellationToken.None);
        Assert.Equal(new TimeOnly(23, 0), (await store.GetChatAsync(chat, CancellationToken.None))!.QuietStart);
        Assert.Equal(database.LatestVersion, await database.GetVersionAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task Migrate_NewerThanBuild_RefusesWithClearMessage()
    {
        using var database = Provider.CreateDatabase();
        await database.MigrateAsync(null, CancellationToken.None);
        await database.ExecuteAsync("UPDATE schema_version SET version = 999", CancellationToken.None);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync(null, CancellationToken.None));
        Assert.Contains("999", ex.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Migrate_TwoInstancesAtOnceOnAFreshDatabase_BothEndAtLatestWithoutError()
    {
        using var database = Provider.CreateDatabase();

        await Task.WhenAll(database.MigrateAsync(null, CancellationToken.None), database.MigrateAsync(null, CancellationToken.None));

        Assert.Equal(database.LatestVersion, await database.GetVersionAsync(CancellationToken.None));
        var store = database.OpenStore(new ManualTimeProvider());
        Assert.NotNull(await store.GetOrCreateAsync(new ChatAddress(ChatPlatform.Telegram, "1"), null, CancellationToken.None));
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(StoreProvider.Sqlite)
{
    [Fact]
    public async Task Migrate_SqliteFile_RunsInWalMode()
    {
        using var storage = new SqliteStoreDatabase();
        var database = storage.Open();
        await using var c = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(c));
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Dispose_DeleteOnExit_RemovesTheFileAndItsCompanions()
    {
        using var dir = new TempDirectory();
        var path = dir.File("demo.db");
        var database = new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { ConnectionString = "Data Source=" + path, DeleteOnExit = true }));
        await new SqliteStore(database, new ManualTimeProvider()).GetOrCreateAsync(new ChatAddress(ChatPlatform.Telegram, "1"), null, CancellationToken.None);
        await using (var open = await database.OpenAsync(CancellationToken.None))
        {
            // SQLite removes the WAL when the last connection closes (the pool may have closed ours), so look while one is open.
            Assert.True(File.Exists(path));
            Assert.True(File.Exists(path + "-wal"));
        }

        database.Dispose();

        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + "-wal"));
        Assert.False(File.Exists(path + "-shm"));
    }

    [Fact]
    public void Constructor_CreatesTheDatabaseFolder()
    {
        using var dir = new TempDirectory();
        var nested = Path.Combine(dir.Path, "data", "sub", "bot.db");
        using var database = SqliteDatabase.ForFile(nested);
        Assert.True(Directory.Exists(Path.GetDirectoryName(nested)));
        SqliteConnection.ClearAllPools();
    }
}

public sealed class PostgresMigrationTests() : MigrationTests(StoreProvider.Postgres), IRequiresPostgres
{
    [StoreFact]
    public async Task Migrate_TwoProcessesWorthOfDataSources_OneSchemaVersionRow()
    {
        using var timeout = TestTimeouts.NetworkToken();
        var connectionString = await PostgresCluster.CreateDatabaseAsync(timeout.Token);
        // Two database objects (as two instances have), each with its own pool, migrating the same fresh database.
        await using var first = PostgresDatabase.ForConnectionString(connectionString);
        await using var second = PostgresDatabase.ForConnectionString(connectionString);

        await Task.WhenAll(first.MigrateAsync(timeout.Token), second.MigrateAsync(timeout.Token));

        Assert.Equal(PostgresDatabase.LatestVersion, await first.GetVersionAsync(timeout.Token));
        await using var c = await second.OpenAsync(timeout.Token);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", c);
        Assert.Equal(1L, await count.ExecuteScalarAsync(timeout.Token));
    }

    [Fact]
    public void Options_SqliteConnectionString_RejectedNamingTheKey()
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new PostgresStorageOptions { ConnectionString = "Data Source=data/derivbot.db" };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains("Storage:ConnectionString", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
        options.ConnectionString = "Host=db;Database=derivbot;Username=bot;Password=secret";
        results.Clear();
        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
    }
}
