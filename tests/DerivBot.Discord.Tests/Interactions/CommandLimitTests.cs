using System.Text.Json;
using DerivBot.Application.Commands;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Discord.Commands;
using DerivBot.Discord.Interactions;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Tests.Interactions;

/// <summary>Discord gets the per-user command limit through the same dispatcher decorator as Telegram.</summary>
public sealed class CommandLimitTests
{
    private const int TestTimeoutMs = 60_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_UserOverTheLimit_OneEphemeralNoticeThenSilence()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var clock = new ManualTimeProvider();
        var fake = new FakeCommandDispatcher(Some.Commands(), (_, _) => Task.FromResult(CommandResult.Of(Some.Report())));
        var options = new ServiceCollection().AddOptions<LimitsOptions>().Configure(o => o.CommandsPerUserPerMinute = 2).Services
            .BuildServiceProvider().GetRequiredService<IOptionsMonitor<LimitsOptions>>();
        var limited = new RateLimitedCommandDispatcher(fake, new CommandRateLimiter(options, clock), Some.Localizer);
        var logs = new CollectingLoggerProvider();
        var rest = Some.Rest(server, clock, logs);
        var handler = new DiscordInteractionHandler(rest, limited, new InMemoryChatRegistry(), null, new DiscordEmbedRenderer(),
            new DiscordCommandRegistrar(rest, limited, new InMemoryHashStore(), logs.For<DiscordCommandRegistrar>()),
            Some.Options(server), clock, logs.For<DiscordInteractionHandler>(), Some.Localizer);
        using var cts = TestTimeouts.NetworkToken();

        for (var i = 1; i <= 4; i++)
        {
            await handler.HandleAsync(Some.Json(Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"btc"}]""",
                locale: "zh-TW", id: "78600872971521233" + i, token: "TOKEN_" + i)), cts.Token);
        }

        Assert.Equal(2, fake.Requests.Count);
        using var third = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", "/api/v10/interactions/786008729715212333/TOKEN_3/callback")).BodyText);
        Assert.Equal(4, third.RootElement.GetProperty("type").GetInt32());
        Assert.Equal(64, third.RootElement.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.StartsWith("請放慢速度：每分鐘最多可執行 2 個指令", third.RootElement.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(third.RootElement.GetProperty("data").TryGetProperty("embeds", out _));
        using var fourth = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", "/api/v10/interactions/786008729715212334/TOKEN_4/callback")).BodyText);
        Assert.False(fourth.RootElement.TryGetProperty("data", out _)); // acknowledged, nothing said

        clock.Advance(TimeSpan.FromSeconds(30)); // one token back
        await handler.HandleAsync(Some.Json(Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"btc"}]""",
            locale: "zh-TW", id: "786008729715212335", token: "TOKEN_5")), cts.Token);
        Assert.Equal(3, fake.Requests.Count);
    }
}
