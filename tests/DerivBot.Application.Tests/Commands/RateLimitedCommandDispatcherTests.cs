using DerivBot.Application.Commands;
using DerivBot.Application.Subscriptions;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Tests.Commands;

public sealed class RateLimitedCommandDispatcherTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly CountingHandler _handler = new();

    private RateLimitedCommandDispatcher Dispatcher(int perMinute)
    {
        var options = new ServiceCollection().AddOptions<LimitsOptions>().Configure(o => o.CommandsPerUserPerMinute = perMinute).Services
            .BuildServiceProvider().GetRequiredService<IOptionsMonitor<LimitsOptions>>();
        var inner = new CommandDispatcher([_handler], TestData.Localizer, NullLogger<CommandDispatcher>.Instance);
        return new RateLimitedCommandDispatcher(inner, new CommandRateLimiter(options, _clock), TestData.Localizer);
    }

    private static CommandRequest Request(ChatPlatform platform, string? userId, string chat = "100", Language language = Language.En) =>
        new(new ChatAddress(platform, chat), ChatKind.Group, userId, language, "ping", "", _ => Task.FromResult(true), DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(ChatPlatform.Telegram)]
    [InlineData(ChatPlatform.Discord)]
    public async Task DispatchAsync_OverTheLimit_OneNoticeThenSilenceThenAllowedAgain(ChatPlatform platform)
    {
        var dispatcher = Dispatcher(perMinute: 2);

        var results = new List<CommandResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await dispatcher.DispatchAsync(Request(platform, "7", language: Language.ZhCn), CancellationToken.None));
        }

        Assert.Equal(2, _handler.Calls);
        Assert.All(results.Take(2), r => Assert.False(r.Throttled));
        Assert.True(results[2].Throttled);
        var notice = Assert.Single(results[2].Replies).Report;
        Assert.Equal(ReportKind.Error, notice.Kind);
        Assert.Equal("请放慢速度：每分钟最多可执行 2 个命令，请稍候再试。", notice.Title);
        Assert.All(results.Skip(3), r => Assert.True(r.Throttled && r.Replies.Count == 0));

        _clock.Advance(TimeSpan.FromSeconds(30)); // one token back
        Assert.False((await dispatcher.DispatchAsync(Request(platform, "7"), CancellationToken.None)).Throttled);
        Assert.Equal(3, _handler.Calls);
    }

    [Fact]
    public async Task DispatchAsync_UsersAndPlatforms_CountSeparately()
    {
        var dispatcher = Dispatcher(perMinute: 1);

        Assert.False((await dispatcher.DispatchAsync(Request(ChatPlatform.Telegram, "7"), CancellationToken.None)).Throttled);
        Assert.False((await dispatcher.DispatchAsync(Request(ChatPlatform.Telegram, "8"), CancellationToken.None)).Throttled);
        Assert.False((await dispatcher.DispatchAsync(Request(ChatPlatform.Discord, "7"), CancellationToken.None)).Throttled);
        Assert.True((await dispatcher.DispatchAsync(Request(ChatPlatform.Telegram, "7", chat: "200"), CancellationToken.None)).Throttled);
        Assert.Equal(3, _handler.Calls);
    }

    [Fact]
    public async Task DispatchAsync_RateKey_CountsInsteadOfTheUser()
    {
        var dispatcher = Dispatcher(perMinute: 1);

        await dispatcher.DispatchAsync(Request(ChatPlatform.Telegram, "1087968824") with { RateKey = "c-100" }, CancellationToken.None);
        var otherGroup = await dispatcher.DispatchAsync(Request(ChatPlatform.Telegram, "1087968824") with { RateKey = "c-200" }, CancellationToken.None);
        var sameGroup = await dispatcher.DispatchAsync(Request(ChatPlatform.Telegram, "1087968824") with { RateKey = "c-100" }, CancellationToken.None);

        Assert.False(otherGroup.Throttled);
        Assert.True(sameGroup.Throttled);
    }

    [Theory]
    [InlineData(ChatPlatform.Telegram, null)]   // no sender: a scheduled digest
    [InlineData(ChatPlatform.Console, "cli")]   // ask and the demo
    public async Task DispatchAsync_NoSenderOrConsole_NeverLimited(ChatPlatform platform, string? userId)
    {
        var dispatcher = Dispatcher(perMinute: 1);

        for (var i = 0; i < 5; i++)
        {
            Assert.False((await dispatcher.DispatchAsync(Request(platform, userId), CancellationToken.None)).Throttled);
        }
        Assert.Equal(5, _handler.Calls);
    }

    [Fact]
    public void Commands_AndIsKnown_AreTheInnerDispatchers()
    {
        var dispatcher = Dispatcher(perMinute: 1);

        Assert.True(dispatcher.IsKnown("ping"));
        Assert.False(dispatcher.IsKnown("pong"));
        Assert.Equal(dispatcher.Inner.Commands, dispatcher.Commands);
    }

    private sealed class CountingHandler : ICommandHandler
    {
        public int Calls { get; private set; }

        public IReadOnlyList<CommandInfo> Commands { get; } =
            [new("ping", [], new Dictionary<Language, string> { [Language.En] = "Ping", [Language.ZhTw] = "Ping", [Language.ZhCn] = "Ping" }, false, [])];

        public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(CommandResult.Of(new Report(ReportKind.Settings, "pong", [])));
        }
    }
}
