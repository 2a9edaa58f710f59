using DerivBot.Application.Coordination;
using DerivBot.Host.Cli;
using DerivBot.Host.Tests.EndToEnd;
using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Host.Tests.Hosting;

/// <summary>The whole bot picks the poller lock that matches its store: in-process for SQLite (one instance), the
/// PostgreSQL advisory lock when several instances share a database.</summary>
public sealed class LeaderLockWiringTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Theory]
    [InlineData(null, typeof(InProcessLeaderLock))]
    [InlineData("Postgres", typeof(PostgresLeaderLock))]
    public void CreateBuilder_StorageProvider_MatchingLeaderLock(string? provider, Type expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "7000001234:fake-SECRET-token-for-wiring",
            ["Storage:LeaderLockCheckInterval"] = "00:00:02",
        };
        if (provider is not null)
        {
            settings["Storage:Provider"] = provider;
            settings["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=derivbot;Username=derivbot";
        }
        using var host = DerivBotApp.CreateBuilder(CommandLine.Parse(["run"]), AppRun.WithTemp(_temp, settings)).Build();

        Assert.IsType(expected, host.Services.GetRequiredService<ILeaderLock>());
        // The polling offset lives in the same database, so whoever takes the lock next resumes after the last handled update.
        Assert.IsType<DerivBot.Telegram.Hosting.StoredTelegramOffsetStore>(host.Services.GetRequiredService<DerivBot.Telegram.Hosting.ITelegramOffsetStore>());
    }
}
