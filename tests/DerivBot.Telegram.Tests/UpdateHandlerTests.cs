using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;

namespace DerivBot.Telegram.Tests;

public sealed class UpdateHandlerTests
{
    private static Task WaitForSends(TelegramTestContext ctx, int count, string method = "sendMessage") =>
        TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo(method).Count >= count, what: $"{count} {method}");

    [Fact(Timeout = 30_000)]
    public async Task Handle_GroupCommandAddressedToUs_DispatchedAndReplied()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();

        await ctx.HandleAsync(TgUpdates.Group("/funding@DerivTestBot BTCUSDT"), cts.Token);
        await WaitForSends(ctx, 1);

        var request = Assert.Single(ctx.Dispatcher.Requests);
        Assert.Equal(("funding", "BTCUSDT", ChatKind.Group), (request.Command, request.Arguments, request.ChatKind));
        var sent = Assert.Single(ctx.Server.CallsTo("sendMessage"));
        Assert.Equal(TgUpdates.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.ChatId);
        Assert.Equal("HTML", sent["parse_mode"], ignoreCase: true);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("/funding@SomeOtherBot BTCUSDT")]
    [InlineData("/weather Paris")]
    public async Task Handle_GroupCommandForAnotherBot_Ignored(string text)
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();

        await ctx.HandleAsync(TgUpdates.Group(text), cts.Token);
        await Task.Delay(200, cts.Token);

        Assert.Empty(ctx.Dispatcher.Requests);
        Assert.Empty(ctx.Server.CallsTo("sendMessage"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_PrivateUnknownCommand_GoesToDispatcherForItsLocalizedError()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();

        await ctx.HandleAsync(TgUpdates.Private("/nonsense 1", languageCode: "zh-hant"), cts.Token);

        var request = Assert.Single(ctx.Dispatcher.Requests);
        Assert.Equal(("nonsense", Language.ZhTw, ChatKind.Private), (request.Command, request.Language, request.ChatKind));
        Assert.True(await request.IsSenderAdminAsync(cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_PrivateChatWithStoredLanguage_UsesSettingsOverUserLocale()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Registry.Set(new ChatAddress(ChatPlatform.Telegram, TgUpdates.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Language.ZhCn);

        await ctx.HandleAsync(TgUpdates.Private("/help", languageCode: "en"), cts.Token);

        Assert.Equal(Language.ZhCn, Assert.Single(ctx.Dispatcher.Requests).Language);
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_ForumTopic_ReplyCarriesSameThreadId()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();

        await ctx.HandleAsync(TgUpdates.Group("/funding ETH", threadId: 4242), cts.Token);
        await WaitForSends(ctx, 1);

        Assert.Equal("4242", Assert.Single(ctx.Dispatcher.Requests).Chat.ThreadId);
        Assert.Equal("4242", ctx.Server.CallsTo("sendMessage")[0]["message_thread_id"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_ChannelPost_ChannelKindAdminWithoutUser()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();

        await ctx.HandleAsync(TgUpdates.Channel("/language zh-TW"), cts.Token);
        await WaitForSends(ctx, 1);

        var request = Assert.Single(ctx.Dispatcher.Requests);
        Assert.Equal(ChatKind.Channel, request.ChatKind);
        Assert.Null(request.UserId);
        Assert.True(await request.IsSenderAdminAsync(cts.Token));
        Assert.Empty(ctx.Server.CallsTo("getChatMember"));
    }

    [Fact(Timeout = 30_000)]
    public async Task IsSenderAdmin_GroupMembers_AskGetChatMemberAndCache()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.SetMemberStatus(TgUpdates.GroupId, 1, "administrator");
        ctx.Server.SetMemberStatus(TgUpdates.GroupId, 2, "creator");
        ctx.Server.SetMemberStatus(TgUpdates.GroupId, 3, "member");

        foreach (var user in new long[] { 1, 2, 3, 1 })
        {
            await ctx.HandleAsync(TgUpdates.Group("/language en", userId: user), cts.Token);
        }
        var results = new List<bool>();
        foreach (var r in ctx.Dispatcher.Requests)
        {
            results.Add(await r.IsSenderAdminAsync(cts.Token));
        }

        Assert.Equal([true, true, false, true], results);
        Assert.Equal(3, ctx.Server.CallsTo("getChatMember").Count); // user 1 answered from the cache the second time
    }

    [Fact(Timeout = 30_000)]
    public async Task IsSenderAdmin_AnonymousGroupAdmin_AdminWithoutAsking()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        var groupAsSender = $$"""{"id":{{TgUpdates.GroupId}},"title":"Crypto Desk","type":"supergroup"}""";

        await ctx.HandleAsync(TgUpdates.Group("/language en", userId: 1087968824, senderChat: groupAsSender), cts.Token);

        Assert.True(await Assert.Single(ctx.Dispatcher.Requests).IsSenderAdminAsync(cts.Token));
        Assert.Empty(ctx.Server.CallsTo("getChatMember"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_CallbackQuery_AnsweredAndMessageEditedInPlace()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();

        await ctx.HandleAsync(TgUpdates.Callback("quadrant BTCUSDT", messageId: 43), cts.Token);
        await WaitForSends(ctx, 1, "editMessageText");

        Assert.Equal("4382bfdwdsb323b2d9", Assert.Single(ctx.Server.CallsTo("answerCallbackQuery"))["callback_query_id"]);
        var request = Assert.Single(ctx.Dispatcher.Requests);
        Assert.Equal(("quadrant", "BTCUSDT"), (request.Command, request.Arguments));
        var edit = Assert.Single(ctx.Server.CallsTo("editMessageText"));
        Assert.Equal("43", edit["message_id"]);
        Assert.Empty(ctx.Server.CallsTo("sendMessage"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_CallbackOnPhotoReport_EditMessageMedia()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Dispatcher.Commands = [.. TelegramTestCommands.All, FakeCommandDispatcher.Info("chart", "Chart", "圖表", "图表")];
        ctx.Dispatcher.Respond = (r, _) => Task.FromResult(CommandResult.Of(new Report(ReportKind.Chart, "chart", []), new ChartImage("c.png", [1, 2, 3], "alt")));

        await ctx.HandleAsync(TgUpdates.Callback("chart BTCUSDT", photo: true), cts.Token);
        await WaitForSends(ctx, 1, "editMessageMedia");

        var edit = Assert.Single(ctx.Server.CallsTo("editMessageMedia"));
        Assert.Contains("\"type\":\"photo\"", edit["media"], StringComparison.Ordinal);
        Assert.Contains("media:c.png:3", edit.FileNames); // the upload is the part media's attach:// names
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_CallbackOnInaccessibleMessage_NewMessageInsteadOfEdit()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        // Too old to access: Telegram sends the message with date 0 (read by Telegram.Bot as default(DateTime)).
        var update = TgUpdates.Callback("quadrant BTCUSDT").Replace("\"date\":1723000050", "\"date\":0", StringComparison.Ordinal);

        await ctx.HandleAsync(update, cts.Token);
        await WaitForSends(ctx, 1);

        Assert.Empty(ctx.Server.CallsTo("editMessageText"));
        Assert.Single(ctx.Server.CallsTo("answerCallbackQuery"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("kicked", true)]
    [InlineData("left", true)]
    [InlineData("member", false)]
    public async Task Handle_MyChatMember_KickedOrLeftMarksChatInactive(string status, bool inactive)
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        var user = $$"""{"id":{{TgUpdates.UserId}},"is_bot":false,"first_name":"Alice"}""";
        var bot = $$"""{"id":{{FakeTelegramServer.BotId}},"is_bot":true,"first_name":"Deriv Test"}""";
        var newMember = $$"""{"status":"{{status}}","user":{{bot}}""" + (status == "kicked" ? ",\"until_date\":0}" : "}");

        await ctx.HandleAsync($$"""
            "my_chat_member":{"chat":{"id":{{TgUpdates.GroupId}},"title":"Crypto Desk","type":"supergroup"},"from":{{user}},"date":1723000000,
              "old_chat_member":{"status":"administrator","user":{{bot}},"can_be_edited":false,"is_anonymous":false,"can_manage_chat":true,
                "can_delete_messages":true,"can_manage_video_chats":true,"can_restrict_members":true,"can_promote_members":false,"can_change_info":true,
                "can_invite_users":true},
              "new_chat_member":{{newMember}}}
            """, cts.Token);

        Assert.Equal(inactive, !ctx.Registry.Inactivated.IsEmpty);
        if (inactive)
        {
            Assert.Equal("bot " + status, Assert.Single(ctx.Registry.Inactivated).Reason);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_MigrationServiceMessage_RegistryMigrated()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();

        await ctx.HandleAsync(TgUpdates.Migration(-4242, -1001557912345), cts.Token);

        var (from, to) = Assert.Single(ctx.Registry.Migrations);
        Assert.Equal(("-4242", "-1001557912345"), (from.ChatId, to.ChatId));
        Assert.Empty(ctx.Dispatcher.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_UserOverRateLimit_OneSlowDownReplyOnly()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(o => { o.ChatBurst = 10; o.GlobalMessagesPerSecond = 100; o.GlobalBurst = 20; }, time: clock, commandsPerUserPerMinute: 3);
        using var cts = TestTimeouts.NetworkToken();
        ctx.Registry.Set(new ChatAddress(ChatPlatform.Telegram, TgUpdates.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Language.ZhTw);

        for (var i = 0; i < 8; i++)
        {
            await ctx.HandleAsync(TgUpdates.Private("/funding BTC"), cts.Token);
        }
        await WaitForSends(ctx, 4);
        await Task.Delay(300, cts.Token);

        Assert.Equal(3, ctx.Dispatcher.Requests.Count);
        var texts = ctx.Server.CallsTo("sendMessage").Select(c => c["text"]!).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Single(texts, t => t.Contains("請放慢速度", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromSeconds(20)); // one token back
        await ctx.HandleAsync(TgUpdates.Private("/funding BTC"), cts.Token);
        Assert.Equal(4, ctx.Dispatcher.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_ButtonsOverRateLimit_OneToastWithTheNoticeNoEdits()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock, commandsPerUserPerMinute: 1);
        using var cts = TestTimeouts.NetworkToken();

        for (var i = 0; i < 3; i++)
        {
            await ctx.HandleAsync(TgUpdates.Callback("quadrant BTCUSDT", messageId: 43), cts.Token);
        }
        await WaitForSends(ctx, 1, "editMessageText");
        await WaitForSends(ctx, 3, "answerCallbackQuery");

        Assert.Single(ctx.Dispatcher.Requests);
        Assert.Single(ctx.Server.CallsTo("editMessageText"));
        Assert.Empty(ctx.Server.CallsTo("sendMessage"));
        var toasts = ctx.Server.CallsTo("answerCallbackQuery").Select(c => c["text"]).ToList();
        Assert.Equal(3, toasts.Count);
        Assert.Single(toasts, t => t is not null && t.Contains("Slow down", StringComparison.Ordinal));
    }
}
