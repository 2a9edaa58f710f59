using DerivBot.Application.Study;
using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Host.Hosting;
using DerivBot.Storage;
using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Tests.Hosting;

/// <summary>The host's one storage line: <c>Storage:Provider</c> picks the store every port resolves to.</summary>
public sealed class StorageSetupTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config).AddStorage(config).BuildServiceProvider();
    }

    private static void AssertEveryPortIs<T>(IServiceProvider services)
    {
        Assert.IsType<T>(services.GetRequiredService<IChatRegistry>());
        Assert.IsType<T>(services.GetRequiredService<ISubscriptionStore>());
        Assert.IsType<T>(services.GetRequiredService<IAlertStore>());
        Assert.IsType<T>(services.GetRequiredService<IOutboxStore>());
        Assert.IsType<T>(services.GetRequiredService<IMarketHistoryStore>());
        Assert.IsType<T>(services.GetRequiredService<Core.Ports.IOptionsHistoryStore>());
        Assert.IsType<T>(services.GetRequiredService<IQuizStore>());
        Assert.IsType<T>(services.GetRequiredService<ISweepStore>());
    }

    [Theory]
    [InlineData("Mongo", "Storage:Provider must be Sqlite or Postgres")]
    [InlineData("Postgres", "Storage:ConnectionString is not a PostgreSQL connection string")]
    public void AddStorage_InvalidConfiguration_ValidationNamesTheKey(string provider, string expected)
    {
        using var services = Build(new() { ["Storage:Provider"] = provider, ["Storage:ConnectionString"] = "Data Source=data/derivbot.db" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AddStorage_NoProvider_SqliteStore()
    {
        using var dir = new TempDirectory();
        using var services = Build(new() { ["Storage:ConnectionString"] = "Data Source=" + dir.File("bot.db") });
        services.GetRequiredService<IStartupValidator>().Validate();
        AssertEveryPortIs<SqliteStore>(services);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [PostgresFact]
    public async Task AddStorage_Postgres_EveryPortIsThePostgresStoreMigratedAtStart()
    {
        using var timeout = TestTimeouts.NetworkToken();
        var connectionString = await PostgresCluster.CreateDatabaseAsync(timeout.Token);
        await using var services = Build(new() { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = connectionString });
        services.GetRequiredService<IStartupValidator>().Validate();

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(timeout.Token);
        }

        Assert.Equal(PostgresDatabase.LatestVersion, await services.GetRequiredService<PostgresDatabase>().GetVersionAsync(timeout.Token));
        AssertEveryPortIs<PostgresStore>(services);
        var chat = await services.GetRequiredService<IChatRegistry>().GetOrCreateAsync(new ChatAddress(ChatPlatform.Telegram, "1"), null, timeout.Token);
        Assert.True(chat.Active);
    }
}
