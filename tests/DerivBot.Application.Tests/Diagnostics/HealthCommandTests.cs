using DerivBot.Application.Commands;
using DerivBot.Application.Diagnostics;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Application.Tests.Diagnostics;

public sealed class HealthCommandTests
{
    private static readonly DateTimeOffset Now = TestData.Now;

    private static HealthReportEntry Entry(HealthStatus status, params (string Key, object Value)[] data) =>
        new(status, "operator line", TimeSpan.FromMilliseconds(3), null, data.ToDictionary(d => d.Key, d => d.Value), [ReadinessChecks.ReadyTag]);

    /// <summary>What /readyz would hold on an instance with everything in order, Telegram standing by for another instance.</summary>
    public static HealthReport Healthy() => new(new Dictionary<string, HealthReportEntry>
    {
        [ReadinessChecks.Store] = Entry(HealthStatus.Healthy, ("state", "ok"), ("provider", "Postgres"), ("pending", 3), ("oldestSeconds", 125.0)),
        [ReadinessChecks.Market] = Entry(HealthStatus.Healthy, ("state", "ok"), ("ageSeconds", 40.0)),
        ["telegram"] = Entry(HealthStatus.Healthy, ("state", "standby"), ("ageSeconds", 600.0)),
        ["discord"] = Entry(HealthStatus.Healthy, ("state", "connected"), ("ageSeconds", 7200.0)),
    }, TimeSpan.FromMilliseconds(5));

    private static string Text(Report report) => new PlainTextReportRenderer().Render(report);

    [Theory]
    [InlineData(Language.En, "Health: ready", "Postgres reachable · 3 message(s) waiting, oldest 2m", "Standing by: another instance serves it")]
    [InlineData(Language.ZhTw, "狀態：正常", "Postgres 可連線 · 3 則訊息未送出", "由另一個執行個體處理")]
    [InlineData(Language.ZhCn, "状态：正常", "Postgres 可连接 · 3 条消息未发出", "由另一个实例处理")]
    public void Render_AllChecksHealthy_ReadyInTheChatsLanguage(Language language, string title, string store, string telegram)
    {
        var report = HealthCommand.Render(Healthy(), new Texts(TestData.Localizer, language), Now, "bot-1");

        Assert.Equal(title, report.Title);
        Assert.Equal(ReportKind.Info, report.Kind);
        var fields = Assert.IsType<FieldsBlock>(report.Blocks[0]).Fields;
        Assert.Equal(4, fields.Count);
        Assert.StartsWith("✅ " + store, fields[0].Value, StringComparison.Ordinal);
        Assert.Contains(telegram, Text(report), StringComparison.Ordinal);
        Assert.Contains("bot-1", Text(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StoreUnreachableAndMarketStale_NotReadyAndSaysWhich()
    {
        var health = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            [ReadinessChecks.Store] = Entry(HealthStatus.Unhealthy, ("state", "unreachable")),
            [ReadinessChecks.Market] = Entry(HealthStatus.Unhealthy, ("state", "stale"), ("ageSeconds", 900.0), ("limitSeconds", 300.0)),
            ["telegram"] = Entry(HealthStatus.Unhealthy, ("state", "disconnected"), ("ageSeconds", 30.0)),
        }, TimeSpan.FromMilliseconds(5));

        var report = HealthCommand.Render(health, new Texts(TestData.Localizer, Language.En), Now, "bot-2");

        Assert.Equal("Health: NOT ready", report.Title);
        Assert.Equal(ReportTone.Error, report.Tone);
        var text = Text(report);
        Assert.Contains("❌ Unreachable", text, StringComparison.Ordinal);
        Assert.Contains("Stale: last successful refresh 15m ago (limit 5m)", text, StringComparison.Ordinal);
        Assert.Contains("Disconnected, reconnecting", text, StringComparison.Ordinal);
    }

    private static CommandDispatcher Dispatcher(Func<HealthCheckResult> store)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddCheck(ReadinessChecks.Store, store, [ReadinessChecks.ReadyTag]);
        var provider = services.BuildServiceProvider();
        var command = new HealthCommand(provider.GetRequiredService<HealthCheckService>(), TestData.Localizer, new ManualTimeProvider(Now));
        return new CommandDispatcher([command], TestData.Localizer, NullLogger<CommandDispatcher>.Instance);
    }

    [Fact]
    public async Task Dispatch_GroupMemberWhoIsNotAdmin_RefusedLikeEverySettingsCommand()
    {
        var dispatcher = Dispatcher(() => HealthCheckResult.Healthy("x", new Dictionary<string, object> { ["state"] = "ok", ["provider"] = "Sqlite", ["pending"] = 0 }));

        var refused = await dispatcher.DispatchAsync(TestData.Request("health", "", Language.En, ChatKind.Group, isAdmin: false), CancellationToken.None);
        var allowed = await dispatcher.DispatchAsync(TestData.Request("health", "", Language.En, ChatKind.Group, isAdmin: true), CancellationToken.None);

        Assert.Equal(ReportKind.Error, Assert.Single(refused.Replies).Report.Kind);
        var report = Assert.Single(allowed.Replies).Report;
        Assert.Equal("Health: ready", report.Title);
        Assert.Contains("Sqlite reachable · nothing waiting to be sent", Text(report), StringComparison.Ordinal);
        Assert.True(Assert.Single(dispatcher.Commands, c => c.Name == "health").ChangesSettings);
    }

    [Fact]
    public async Task Dispatch_CheckThrows_NotReadyWithoutInternals()
    {
        var dispatcher = Dispatcher(() => throw new InvalidOperationException("secret detail"));

        var result = await dispatcher.DispatchAsync(TestData.Request("health", ""), CancellationToken.None);

        var text = Text(Assert.Single(result.Replies).Report);
        Assert.Contains("Health: NOT ready", text, StringComparison.Ordinal);
        Assert.Contains("❌ Unreachable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlatformConnection.Connected, HealthStatus.Healthy)]
    [InlineData(PlatformConnection.StandingBy, HealthStatus.Healthy)]
    [InlineData(PlatformConnection.Starting, HealthStatus.Unhealthy)]
    [InlineData(PlatformConnection.Disconnected, HealthStatus.Unhealthy)]
    [InlineData(PlatformConnection.Stopped, HealthStatus.Unhealthy)]
    public async Task PlatformCheck_StandByCountsAsReady(PlatformConnection connection, HealthStatus expected)
    {
        var clock = new ManualTimeProvider(Now);
        var status = new ChatPlatformStatus(ChatPlatform.Telegram, () => true, clock);
        status.Set(connection, "why");
        clock.Advance(TimeSpan.FromMinutes(3));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IChatPlatformStatus>(status);
        services.AddHealth(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        using var provider = services.AddLogging().BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "telegram");

        var entry = Assert.Single(report.Entries).Value;
        Assert.Equal(expected, entry.Status);
        Assert.Contains("why", entry.Description, StringComparison.Ordinal);
        Assert.Equal(180.0, entry.Data[ReadinessChecks.AgeSecondsKey]);
    }

    [Fact]
    public void AddHealth_DisabledPlatform_NotChecked()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatPlatformStatus>(new ChatPlatformStatus(ChatPlatform.Discord, () => false, TimeProvider.System));
        services.AddHealth(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        using var provider = services.AddLogging().BuildServiceProvider();

        var registrations = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);

        Assert.Equal([ReadinessChecks.Market, ReadinessChecks.Store], registrations.Order(StringComparer.Ordinal).ToArray());
    }
}
