using DerivBot.Application.Commands;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Application.Tests.Commands;

public sealed class CommandsRegistrationTests
{
    [Fact]
    public async Task AddCommands_WithAnotherAreasHandler_DispatcherRoutesToAll()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IMarketData>(new FakeMarketData("BTCUSDT").With(TestData.Btc()));
        services.AddSingleton<ICommandHandler, PingHandler>();
        services.AddCommands(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var dispatcher = provider.GetRequiredService<ICommandDispatcher>();

        Assert.Equal(
            ["ping", "funding", "oi", "quadrant", "liq", "ls", "rsi", "signal", "chart", "learn", "venues", "options", "levels", "help"],
            dispatcher.Commands.Select(c => c.Name).ToList());
        Assert.True(dispatcher.IsKnown("q"));
        var reply = await dispatcher.DispatchAsync(TestData.Request("ping", ""), CancellationToken.None);
        Assert.Equal("pong", Assert.Single(reply.Replies).Report.Title);
        Assert.NotNull(provider.GetRequiredService<ISymbolCatalog>());
    }

    [Fact]
    public async Task Commands_EveryQueryCommand_CarriesChineseMenuNames()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IMarketData>(new FakeMarketData("BTCUSDT").With(TestData.Btc()));
        services.AddSingleton<ICommandHandler, PingHandler>();
        services.AddCommands(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();

        var commands = provider.GetRequiredService<ICommandDispatcher>().Commands;

        Assert.Equal("資金費率", commands.Single(c => c.Name == "funding").LocalizedNames[Language.ZhTw]);
        Assert.Equal("资金费率", commands.Single(c => c.Name == "funding").LocalizedNames[Language.ZhCn]);
        Assert.All(commands.Where(c => c.Name != "ping"), c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.LocalizedNames[Language.ZhTw]));
            Assert.False(string.IsNullOrWhiteSpace(c.LocalizedNames[Language.ZhCn]));
        });
        Assert.Empty(commands.Single(c => c.Name == "ping").LocalizedNames); // no resource: no menu name invented
    }

    [Theory]
    [InlineData("pep", "1000PEPEUSDT")]
    [InlineData("BTC", "BTCUSDT")]
    [InlineData("eth/usdt", "ETHUSDT")]
    public async Task SuggestAsync_TypedPrefix_BestMatchFirst(string typed, string expected)
    {
        var catalog = new MarketSymbolCatalog(new FakeMarketData("BTCUSDT", "BTCDOMUSDT", "ETHUSDT", "ETHFIUSDT", "1000PEPEUSDT", "PEOPLEUSDT"));

        var suggestions = await catalog.SuggestAsync(typed, 5, CancellationToken.None);

        Assert.Equal(expected, suggestions[0]);
    }

    [Fact]
    public async Task SuggestAsync_NothingTyped_MajorsFirstAndCapped()
    {
        var catalog = new MarketSymbolCatalog(new FakeMarketData("AAVEUSDT", "ETHUSDT", "BTCUSDT", "ZECUSDT"));

        Assert.Equal(["BTCUSDT", "ETHUSDT", "AAVEUSDT"], await catalog.SuggestAsync("", 3, CancellationToken.None));
    }

    private sealed class PingHandler : ICommandHandler
    {
        public IReadOnlyList<CommandInfo> Commands { get; } =
            [new("ping", [], new Dictionary<Language, string> { [Language.En] = "Ping", [Language.ZhTw] = "測試", [Language.ZhCn] = "测试" }, false, [])];

        public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(CommandResult.Of(new Report(ReportKind.Info, "pong", [])));
    }
}
