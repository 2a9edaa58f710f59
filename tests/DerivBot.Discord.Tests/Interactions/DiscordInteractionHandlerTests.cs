using System.Text;
using System.Text.Json;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DerivBot.Discord.Tests.Interactions;

public sealed class DiscordInteractionHandlerTests
{
    private const int TestTimeoutMs = 60_000;
    private const string CallbackPath = "/api/v10/interactions/786008729715212338/A_UNIQUE_TOKEN/callback";
    private const string OriginalPath = "/api/v10/webhooks/" + Some.AppId + "/A_UNIQUE_TOKEN/messages/@original";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_FastCommand_RepliesWithType4AndEmbedInChatLanguage()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var clock = new ManualTimeProvider();
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => Task.FromResult(CommandResult.Of(Some.Report())));
        var registry = new InMemoryChatRegistry();
        var handler = Some.Handler(server, clock, dispatcher, registry);
        using var cts = TestTimeouts.NetworkToken();

        await handler.HandleAsync(Some.Json(Some.SlashCommand("funding",
            """[{"type":3,"name":"period","value":"4h"},{"type":3,"name":"symbol","value":"btc"}]""", locale: "zh-TW")), cts.Token);

        var request = Assert.Single(dispatcher.Requests);
        Assert.Equal("funding", request.Command);
        Assert.Equal("btc 4h", request.Arguments); // definition order, not the order Discord sent
        Assert.Equal(Language.ZhTw, request.Language);
        Assert.Equal(ChatKind.Group, request.ChatKind);
        Assert.Equal(new ChatAddress(ChatPlatform.Discord, Some.ChannelId), request.Chat);
        Assert.Equal("53908232506183680", request.UserId);
        var callback = Assert.Single(server.RequestsTo("POST", CallbackPath));
        Assert.Equal("Bot " + Some.Token, callback.Headers["Authorization"]);
        Assert.StartsWith("DiscordBot (", callback.Headers["User-Agent"], StringComparison.Ordinal);
        using var body = JsonDocument.Parse(callback.BodyText);
        Assert.Equal(4, body.RootElement.GetProperty("type").GetInt32());
        var embed = body.RootElement.GetProperty("data").GetProperty("embeds")[0];
        Assert.Equal("BTCUSDT · Funding", embed.GetProperty("title").GetString());
        Assert.Empty(server.RequestsTo("PATCH", OriginalPath));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_RegisteredLanguage_WinsOverUserLocale()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => Task.FromResult(CommandResult.Of(Some.Report())));
        var registry = new InMemoryChatRegistry();
        var chat = new ChatAddress(ChatPlatform.Discord, Some.ChannelId);
        registry.Chats[chat] = new ChatSettings(chat, Language.ZhCn, "Asia/Shanghai", Active: false);
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher, registry);
        using var cts = TestTimeouts.NetworkToken();

        await handler.HandleAsync(Some.Json(Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"ETH"}]""", locale: "en-US")), cts.Token);

        Assert.Equal(Language.ZhCn, Assert.Single(dispatcher.Requests).Language);
        Assert.Equal(chat, Assert.Single(registry.Activated)); // an inactive channel talking to us is active again
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_SlowReport_DefersWithType5ThenPatchesOriginal()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var clock = new ManualTimeProvider();
        var release = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => release.Task);
        var handler = Some.Handler(server, clock, dispatcher);
        using var cts = TestTimeouts.NetworkToken();

        var handling = handler.HandleAsync(Some.Json(Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"BTC"}]""")), cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers == 1 && !dispatcher.Requests.IsEmpty, what: "defer timer");
        clock.Advance(TimeSpan.FromMilliseconds(1499));
        await Task.Delay(200);
        Assert.Empty(server.RestRequests);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await TestTimeouts.WaitUntilAsync(() => server.RequestsTo("POST", CallbackPath).Count == 1, what: "deferral");
        Assert.Empty(server.RequestsTo("PATCH", OriginalPath));

        release.SetResult(CommandResult.Of(Some.Report(title: "Slow report")));
        await handling;

        using var deferral = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", CallbackPath)).BodyText);
        Assert.Equal(5, deferral.RootElement.GetProperty("type").GetInt32());
        using var patch = JsonDocument.Parse(Assert.Single(server.RequestsTo("PATCH", OriginalPath)).BodyText);
        Assert.Equal("Slow report", patch.RootElement.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_Autocomplete_AnswersType8WithAtMost25Symbols()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var symbols = new FakeSymbolCatalog(Enumerable.Range(0, 40).Select(i => $"BTC{i:00}USDT").Append("ETHUSDT").ToList());
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => throw new InvalidOperationException("autocomplete must not dispatch"));
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher, symbols: symbols);
        using var cts = TestTimeouts.NetworkToken();
        var interaction = Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"btc","focused":true}]""").Replace("\"type\":2,", "\"type\":4,", StringComparison.Ordinal);

        await handler.HandleAsync(Some.Json(interaction), cts.Token);

        Assert.Equal(("btc", 25), Assert.Single(symbols.Calls));
        using var body = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", CallbackPath)).BodyText);
        Assert.Equal(8, body.RootElement.GetProperty("type").GetInt32());
        var choices = body.RootElement.GetProperty("data").GetProperty("choices");
        Assert.Equal(25, choices.GetArrayLength());
        Assert.Equal("BTC00USDT", choices[0].GetProperty("value").GetString());
        Assert.Empty(dispatcher.Requests);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_ButtonClick_DispatchesCustomIdAndUpdatesMessageWithType7()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => Task.FromResult(CommandResult.Of(Some.Report())));
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher);
        using var cts = TestTimeouts.NetworkToken();
        var click = $$$"""
            {"type":3,"token":"A_UNIQUE_TOKEN","id":"786008729715212338","application_id":"{{{Some.AppId}}}",
             "channel_id":"{{{Some.ChannelId}}}","user":{"id":"42"},"locale":"zh-CN",
             "data":{"component_type":2,"custom_id":"funding BTCUSDT 4h"}}
            """;

        await handler.HandleAsync(Some.Json(click), cts.Token);

        var request = Assert.Single(dispatcher.Requests);
        Assert.Equal("funding", request.Command);
        Assert.Equal("BTCUSDT 4h", request.Arguments);
        Assert.Equal(ChatKind.Private, request.ChatKind);
        Assert.Equal(Language.ZhCn, request.Language);
        using var body = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", CallbackPath)).BodyText);
        Assert.Equal(7, body.RootElement.GetProperty("type").GetInt32());
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("zh-CN", "这个按钮来自旧版机器人")]
    [InlineData("zh-TW", "這個按鈕來自舊版機器人")]
    [InlineData("en-US", "This button is from an older version of the bot")]
    public async Task HandleAsync_ButtonOfUnknownCommand_AnsweredEphemerallyMessageLeftAlone(string locale, string expected)
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => Task.FromResult(CommandResult.Of(Some.Report())));
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher);
        using var cts = TestTimeouts.NetworkToken();
        var click = $$$"""
            {"type":3,"token":"A_UNIQUE_TOKEN","id":"786008729715212338","application_id":"{{{Some.AppId}}}",
             "channel_id":"{{{Some.ChannelId}}}","user":{"id":"42"},"locale":"{{{locale}}}",
             "data":{"component_type":2,"custom_id":"heatmapv1 BTCUSDT 4h"}}
            """;

        await handler.HandleAsync(Some.Json(click), cts.Token);

        Assert.Empty(dispatcher.Requests);
        var only = Assert.Single(server.RestRequests);
        Assert.Equal(CallbackPath, only.Path);
        using var body = JsonDocument.Parse(only.BodyText);
        Assert.Equal(4, body.RootElement.GetProperty("type").GetInt32());
        Assert.Equal(64, body.RootElement.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.StartsWith(expected, body.RootElement.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(body.RootElement.GetProperty("data").TryGetProperty("embeds", out _));
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("0", false)]
    [InlineData("2048", false)]          // SEND_MESSAGES only
    [InlineData("8", true)]              // ADMINISTRATOR
    [InlineData("16", true)]             // MANAGE_CHANNELS
    [InlineData("32", true)]             // MANAGE_GUILD
    [InlineData("2147483647", true)]
    public async Task HandleAsync_GuildMember_IsSenderAdminFollowsPermissionBits(string permissions, bool expected)
    {
        await using var server = await FakeDiscordServer.StartAsync();
        bool? admin = null;
        // The platform's admin delegate is under test: the dispatcher's own admin refusal is off, the responder reads it.
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), async (r, ct) =>
        {
            admin = await r.IsSenderAdminAsync(ct);
            return CommandResult.Of(Some.Report(title: admin.Value ? "ok" : "refused"));
        })
        { ChecksAdmin = false };
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher);
        using var cts = TestTimeouts.NetworkToken();

        await handler.HandleAsync(Some.Json(Some.SlashCommand("subscribe", """[{"type":3,"name":"symbol","value":"BTC"}]""", permissions: permissions)), cts.Token);

        Assert.Equal(expected, admin);
        using var body = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", CallbackPath)).BodyText);
        Assert.Equal(expected ? "ok" : "refused", body.RootElement.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_DirectMessage_IsPrivateAndMayChangeSettings()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        bool? admin = null;
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), async (r, ct) =>
        {
            admin = await r.IsSenderAdminAsync(ct);
            return CommandResult.Of(Some.Report());
        });
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher);
        using var cts = TestTimeouts.NetworkToken();
        var dm = $$$"""
            {"type":2,"token":"A_UNIQUE_TOKEN","id":"786008729715212338","application_id":"{{{Some.AppId}}}",
             "channel_id":"{{{Some.ChannelId}}}","user":{"id":"42"},"locale":"en-US",
             "data":{"name":"subscribe","options":[{"type":3,"name":"symbol","value":"SOL"}]}}
            """;

        await handler.HandleAsync(Some.Json(dm), cts.Token);

        Assert.Equal(ChatKind.Private, Assert.Single(dispatcher.Requests).ChatKind);
        Assert.True(admin);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_ReportWithChart_SendsMultipartPayloadJsonAndFiles0()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) =>
            Task.FromResult(CommandResult.Of(Some.Report(), new ChartImage("heatmap.png", png, "Liquidation heatmap"))));
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher);
        using var cts = TestTimeouts.NetworkToken();

        await handler.HandleAsync(Some.Json(Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"BTC"}]""")), cts.Token);

        var request = Assert.Single(server.RequestsTo("POST", CallbackPath));
        var parts = await ReadMultipartAsync(request);
        Assert.Equal(["payload_json", "files[0]"], parts.Select(p => p.Name).ToArray());
        using var payload = JsonDocument.Parse(Encoding.UTF8.GetString(parts[0].Body));
        Assert.Equal(4, payload.RootElement.GetProperty("type").GetInt32());
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal("attachment://heatmap.png", data.GetProperty("embeds")[0].GetProperty("image").GetProperty("url").GetString());
        var attachment = data.GetProperty("attachments")[0];
        Assert.Equal(0, attachment.GetProperty("id").GetInt32());
        Assert.Equal("heatmap.png", attachment.GetProperty("filename").GetString());
        Assert.Equal("heatmap.png", parts[1].FileName);
        Assert.Equal("image/png", parts[1].ContentType);
        Assert.Equal(png, parts[1].Body);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_SeveralReplies_SendsFollowupsAfterTheFirst()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => Task.FromResult(new CommandResult(
            [new CommandReply(Some.Report(title: "one")), new CommandReply(Some.Report(title: "two"))])));
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher);
        using var cts = TestTimeouts.NetworkToken();

        await handler.HandleAsync(Some.Json(Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"BTC"}]""")), cts.Token);

        var followup = Assert.Single(server.RequestsTo("POST", "/api/v10/webhooks/" + Some.AppId + "/A_UNIQUE_TOKEN"));
        Assert.Equal("?wait=true", followup.QueryString);
        using var body = JsonDocument.Parse(followup.BodyText);
        Assert.Equal("two", body.RootElement.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task HandleAsync_Always_NeverLogsTheInteractionToken()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", CallbackPath, new FakeResponse(404, """{"message":"Unknown interaction","code":10062}"""));
        var logs = new CollectingLoggerProvider();
        var dispatcher = new FakeCommandDispatcher(Some.Commands(), (_, _) => Task.FromResult(CommandResult.Of(Some.Report())));
        var handler = Some.Handler(server, new ManualTimeProvider(), dispatcher, logs: logs);
        using var cts = TestTimeouts.NetworkToken();

        await handler.HandleAsync(Some.Json(Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"BTC"}]""")), cts.Token);

        Assert.Contains("10062", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("A_UNIQUE_TOKEN", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Some.Token, logs.AllText, StringComparison.Ordinal);
    }

    internal sealed record Part(string Name, string? FileName, string? ContentType, byte[] Body);

    internal static async Task<List<Part>> ReadMultipartAsync(RecordedRequest request)
    {
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var parts = new List<Part>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var ms = new MemoryStream();
            await section.Body.CopyToAsync(ms);
            parts.Add(new Part(HeaderUtilities.RemoveQuotes(disposition.Name).Value!, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, section.ContentType, ms.ToArray()));
        }
        return parts;
    }
}
