using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Testing;
using Microsoft.Data.Sqlite;

namespace DerivBot.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_FromVersion1WithData_KeepsDataAndAddsNewTables()
    {
        using var dir = new TempDirectory();
        var path = dir.File("old.db");
        var old = SqliteDatabase.ForFile(path);
        await old.MigrateAsync(CancellationToken.None, targetVersion: 1);
        await using (var c = await old.OpenRawAsync(CancellationToken.None))
        {
            Assert.Equal(1, Migrations.CurrentVersion(c));
            await using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO chats (id, platform, chat_id, thread_id, language, time_zone, active, created_at, updated_at)
                VALUES (1, 'Telegram', '-1001', '', 'zh-TW', 'Asia/Taipei', 1, 0, 0);
                INSERT INTO subscriptions (chat_key, symbol, kind, schedule, created_at, next_due_at) VALUES (1, 'BTCUSDT', 0, 'every:14400', 0, 1760068800000);
                INSERT INTO alert_rules (chat_key, symbol, metric, direction, threshold, cooldown_seconds, repeat, created_at) VALUES (1, 'ETHUSDT', 0, 0, '0.0005', 1800, 1, 0);
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        old.Dispose();
        SqliteConnection.ClearAllPools();

        var database = SqliteDatabase.ForFile(path);
        var store = new SqliteStore(database, new ManualTimeProvider());
        var chat = new ChatAddress(ChatPlatform.Telegram, "-1001");
        var settings = await store.GetChatAsync(chat, CancellationToken.None);
        Assert.NotNull(settings);
        Assert.Equal(Core.Localization.Language.ZhTw, settings!.Language);
        Assert.Null(settings.QuietStart);
        var subscription = Assert.Single(await store.ListSubscriptionsAsync(chat, CancellationToken.None));
        Assert.Equal(DigestSchedule.Every(TimeSpan.FromHours(4)), subscription.Schedule);
        Assert.Equal(0.0005m, Assert.Single(await store.ListAlertsAsync(chat, CancellationToken.None)).Condition.Threshold);
        // Tables of later versions work on the migrated file.
        await store.SetQuietHoursAsync(chat, new TimeOnly(23, 0), new TimeOnly(7, 0), CancellationToken.None);
        await store.MuteAsync(chat, new Symbol("BTCUSDT"), DateTimeOffset.UnixEpoch.AddYears(60), CancellationToken.None);
        Assert.Equal(new TimeOnly(23, 0), (await store.GetChatAsync(chat, CancellationToken.None))!.QuietStart);
        await using (var c = await database.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(c));
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string)(await cmd.ExecuteScalarAsync())!);
        }
        database.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Migrate_NewerThanBuild_RefusesWithClearMessage()
    {
        using var dir = new TempDirectory();
        var database = SqliteDatabase.ForFile(dir.File("new.db"));
        await database.MigrateAsync(CancellationToken.None);
        await using (var c = await database.OpenRawAsync(CancellationToken.None))
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE schema_version SET version = 999";
            await cmd.ExecuteNonQueryAsync();
        }
        var again = SqliteDatabase.ForFile(dir.File("new.db"));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => again.MigrateAsync(CancellationToken.None));
        Assert.Contains("999", ex.Message, StringComparison.Ordinal);
        database.Dispose();
        again.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Constructor_CreatesTheDatabaseFolder()
    {
        using var dir = new TempDirectory();
        var nested = Path.Combine(dir.Path, "data", "sub", "bot.db");
        using var database = SqliteDatabase.ForFile(nested);
        Assert.True(Directory.Exists(Path.GetDirectoryName(nested)));
    }
}
