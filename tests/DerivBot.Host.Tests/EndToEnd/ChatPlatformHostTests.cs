using System.Text.Json;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>
/// The worker verb (<c>run</c>) as deployed, with the chat platforms pointed at loopback fakes: a user's command goes
/// in through the platform, through the host's dispatcher and replay market data, and the answer comes back out
/// through the platform's own client. Cancelling the token stops the whole host.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChatPlatformHostTests : IDisposable
{
    private const string DiscordToken = "e2e-discord-token-NEVER-LOG";
    private const string DiscordAppId = "900000000000000001";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Starts <c>run</c> in the background; the caller cancels <paramref name="stop"/> to end it.</summary>
    private Task<AppRun> StartWorker(Dictionary<string, string?> overrides, CancellationToken stop)
    {
        overrides["Venues:Mode"] = "Replay";
        // Information logs go to the real console; warnings still show when a run goes wrong.
        overrides["Logging:LogLevel:Default"] = "Warning";
        return Task.Run(() => AppRun.RunAsync(["run"], _temp, overrides, stop), CancellationToken.None);
    }

    private static async Task StopAsync(Task<AppRun> worker, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        // The host must wind down on its own once cancelled: a hung stop would hang a deployment's restart too.
        var run = await worker.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task Run_TelegramPrivateChatAsksFunding_HtmlReplyReachesTelegramAndCancelStopsTheHost()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        using var stop = new CancellationTokenSource();
        var worker = StartWorker(new()
        {
            ["Telegram:Enabled"] = "true",
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ApiBaseUrl"] = telegram.ApiBaseUrl.ToString(),
        }, stop.Token);
        try
        {
            await TestTimeouts.WaitUntilAsync(() => telegram.CallsTo("getUpdates").Count > 0 || worker.IsCompleted,
                TimeSpan.FromSeconds(90), "the bot to start polling");
            Assert.False(worker.IsCompleted, worker.IsCompleted ? (await worker).ToString() : "");

            telegram.AddUpdate(TgUpdates.Private("/funding BTC"));
            telegram.AddUpdate(TgUpdates.Private("/funding ETH", userId: 222222222, languageCode: "zh-hant"));

            static bool Reply(FakeCall c, string chat, string symbol) =>
                c.ChatId == chat && (c["text"]?.Contains(symbol, StringComparison.Ordinal) ?? false);
            await TestTimeouts.WaitUntilAsync(
                () => telegram.CallsTo("sendMessage").Any(c => Reply(c, "111111111", "BTCUSDT"))
                      && telegram.CallsTo("sendMessage").Any(c => Reply(c, "222222222", "ETHUSDT")),
                TimeSpan.FromSeconds(60), "both replies to reach Telegram");

            var english = telegram.CallsTo("sendMessage").First(c => Reply(c, "111111111", "BTCUSDT"));
            Assert.Equal("HTML", english["parse_mode"], ignoreCase: true);
            Assert.Contains("<b>", english["text"], StringComparison.Ordinal);
            Assert.Contains("Funding", english["text"], StringComparison.Ordinal);
            // A user whose Telegram is set to Traditional Chinese gets their first answer in it.
            var chinese = telegram.CallsTo("sendMessage").First(c => Reply(c, "222222222", "ETHUSDT"));
            Assert.Equal("HTML", chinese["parse_mode"], ignoreCase: true);
            Assert.Contains("資金費率", chinese["text"], StringComparison.Ordinal);
            // The command menu was published at start (default list plus the Chinese one).
            Assert.NotEmpty(telegram.CallsTo("setMyCommands"));
        }
        finally
        {
            await StopAsync(worker, stop);
        }
        var pollsAtStop = telegram.CallsTo("getUpdates").Count;
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(pollsAtStop, telegram.CallsTo("getUpdates").Count); // nothing keeps polling after the host returned
    }

    [Fact(Timeout = 180_000)]
    public async Task Run_DiscordSlashCommand_AnsweredWithAnEmbedInTheInteractionCallback()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var stop = new CancellationTokenSource();
        var worker = StartWorker(new()
        {
            ["Discord:Enabled"] = "true",
            ["Discord:BotToken"] = DiscordToken,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            // As long as Discord allows: the first answer of a cold process on a loaded machine must not be deferred.
            ["Discord:DeferAfter"] = "00:00:02.5",
        }, stop.Token);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var gateway = await discord.NextConnectionAsync(cts.Token);
            await gateway.HelloAsync(45_000, cts.Token);
            var identify = await gateway.NextAsync(2, cts.Token);
            Assert.Equal(DiscordToken, identify.GetProperty("d").GetProperty("token").GetString());
            await gateway.ReadyAsync("session-host-e2e", 1, DiscordAppId, cts.Token);

            // Warm-up: the first interaction may be deferred while the process is still cold; its reply must arrive either way.
            await gateway.DispatchAsync("INTERACTION_CREATE", SlashCommand("oi", "ETH", "111", "WARMUP_TOKEN"), 2, cts.Token);
            await TestTimeouts.WaitUntilAsync(
                () => discord.RequestsTo("POST", "/api/v10/interactions/111/WARMUP_TOKEN/callback").Count == 1,
                TimeSpan.FromSeconds(60), "the warm-up interaction to be acknowledged");

            await gateway.DispatchAsync("INTERACTION_CREATE", SlashCommand("funding", "BTC", "222", "FUNDING_TOKEN"), 3, cts.Token);
            const string callback = "/api/v10/interactions/222/FUNDING_TOKEN/callback";
            await TestTimeouts.WaitUntilAsync(() => discord.RequestsTo("POST", callback).Count == 1, TimeSpan.FromSeconds(60), "the interaction callback");

            using var body = JsonDocument.Parse(discord.RequestsTo("POST", callback)[0].BodyText);
            Assert.Equal(4, body.RootElement.GetProperty("type").GetInt32()); // CHANNEL_MESSAGE_WITH_SOURCE
            var embed = body.RootElement.GetProperty("data").GetProperty("embeds")[0];
            Assert.Contains("BTCUSDT", embed.GetRawText(), StringComparison.Ordinal);
            // Slash commands were registered for the application once READY named it.
            Assert.NotEmpty(discord.RequestsTo("PUT", $"/api/v10/applications/{DiscordAppId}/commands"));
            Assert.Equal("Bot " + DiscordToken, Assert.Single(discord.RequestsTo("GET", "/api/v10/gateway/bot")).Headers["Authorization"]);
        }
        finally
        {
            await StopAsync(worker, stop);
        }
    }

    /// <summary>An INTERACTION_CREATE payload for <c>/name symbol:…</c> in a guild channel (Discord's documented shape).</summary>
    private static string SlashCommand(string name, string symbol, string id, string token) =>
        $$$"""
        {"type":2,"id":"{{{id}}}","token":"{{{token}}}","application_id":"{{{DiscordAppId}}}",
         "guild_id":"290926798626357999","channel_id":"645027906669510667","locale":"en-US","guild_locale":"en-US",
         "app_permissions":"442368",
         "member":{"user":{"id":"53908232506183680","username":"Mason"},"roles":[],"permissions":"2147483647"},
         "data":{"id":"771825006014889984","name":"{{{name}}}","type":1,"options":[{"type":3,"name":"symbol","value":"{{{symbol}}}"}]}}
        """;
}
