using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Application.Tests.Commands;

public sealed class CommandDispatcherTests
{
    private readonly FakeMarketData _market = new FakeMarketData("BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "PEOPLEUSDT").With(TestData.Btc());
    private readonly RecordingHandler _settings = new("setlang", ["lang"], changesSettings: true);

    private CommandDispatcher Dispatcher(params ICommandHandler[] extra)
    {
        var query = TestData.Query(_market);
        ICommandHandler[] handlers = [SymbolReportCommands.Funding(query, TestData.Localizer), SymbolReportCommands.OpenInterest(query, TestData.Localizer), new LearnCommand(query, TestData.Localizer), _settings, .. extra];
        return new CommandDispatcher(handlers, TestData.Localizer, NullLogger<CommandDispatcher>.Instance);
    }

    private static string Text(CommandResult result) => new PlainTextReportRenderer().Render(Assert.Single(result.Replies).Report);

    [Theory]
    [InlineData("funding")]
    [InlineData("/funding")]
    [InlineData("/funding@DerivBot")]
    [InlineData("FR")]
    [InlineData("f")]
    public async Task DispatchAsync_NameOrAlias_RoutesToTheHandler(string command)
    {
        var result = await Dispatcher().DispatchAsync(TestData.Request(command, "btc"), CancellationToken.None);

        var reply = Assert.Single(result.Replies);
        Assert.Equal(ReportKind.Funding, reply.Report.Kind);
        Assert.IsType<FundingData>(reply.Data);
    }

    [Fact]
    public async Task DispatchAsync_HandlerFromAnotherArea_GetsTheCanonicalName()
    {
        await Dispatcher().DispatchAsync(TestData.Request("lang", "zh-TW"), CancellationToken.None);

        Assert.Equal("setlang", Assert.Single(_settings.Received).Command);
    }

    [Theory]
    [InlineData(Language.En, "I don't know /frobnicate")]
    [InlineData(Language.ZhTw, "我不認識 /frobnicate")]
    [InlineData(Language.ZhCn, "我不认识 /frobnicate")]
    public async Task DispatchAsync_UnknownCommand_SaysSoAndPointsToHelp(Language language, string expected)
    {
        var result = await Dispatcher().DispatchAsync(TestData.Request("frobnicate", "", language), CancellationToken.None);

        var report = Assert.Single(result.Replies).Report;
        Assert.Equal(ReportKind.Error, report.Kind);
        Assert.Contains(expected, Text(result), StringComparison.Ordinal);
        Assert.Contains("/help", Text(result), StringComparison.Ordinal);
        Assert.Contains(report.ActionsOrEmpty, a => a.Command == "help");
    }

    [Theory]
    [InlineData(Language.En, "Usage: /funding <symbol>", "Example: /funding BTC")]
    [InlineData(Language.ZhTw, "用法：/funding <幣種>", "範例：/funding BTC")]
    [InlineData(Language.ZhCn, "用法：/funding <币种>", "示例：/funding BTC")]
    public async Task DispatchAsync_MissingSymbol_RepliesWithSyntaxInTheChatsLanguage(Language language, string syntax, string example)
    {
        var result = await Dispatcher().DispatchAsync(TestData.Request("funding", "  ", language), CancellationToken.None);

        var text = Text(result);
        Assert.Equal(ReportKind.Error, Assert.Single(result.Replies).Report.Kind);
        Assert.Contains(syntax, text, StringComparison.Ordinal);
        Assert.Contains(example, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_TooManyArguments_NamesTheExtraOnes()
    {
        var text = Text(await Dispatcher().DispatchAsync(TestData.Request("oi", "btc eth sol"), CancellationToken.None));

        Assert.Contains("Too many arguments: eth sol", text, StringComparison.Ordinal);
        Assert.Contains("Usage: /oi <symbol>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_MultiplierSymbol_ResolvesPepeTo1000Pepe()
    {
        _market.With(TestData.Btc() with { Symbol = new Symbol("1000PEPEUSDT"), Contract = null });

        var result = await Dispatcher().DispatchAsync(TestData.Request("funding", "PEPE"), CancellationToken.None);

        Assert.Equal("1000PEPEUSDT", Assert.IsType<FundingData>(Assert.Single(result.Replies).Data).Symbol);
        Assert.Equal(new Symbol("1000PEPEUSDT"), Assert.Single(_market.Requested));
    }

    [Theory]
    [InlineData(Language.En, "No perpetual contract matches “PEPPE”.", "Did you mean: 1000PEPEUSDT")]
    [InlineData(Language.ZhTw, "沒有與「PEPPE」相符的永續合約。", "你是不是要找：1000PEPEUSDT")]
    [InlineData(Language.ZhCn, "没有与“PEPPE”匹配的永续合约。", "你是不是要找：1000PEPEUSDT")]
    public async Task DispatchAsync_UnknownSymbol_ListsCloseMatchesAsTextAndButtons(Language language, string body, string suggestion)
    {
        var result = await Dispatcher().DispatchAsync(TestData.Request("funding", "PEPPE", language), CancellationToken.None);

        var report = Assert.Single(result.Replies).Report;
        var text = Text(result);
        Assert.Equal(ReportKind.Error, report.Kind);
        Assert.Contains(body, text, StringComparison.Ordinal);
        Assert.Contains(suggestion, text, StringComparison.Ordinal);
        Assert.Contains(report.ActionsOrEmpty, a => a.Command == "funding 1000PEPEUSDT");
        Assert.Empty(_market.Requested);
    }

    [Fact]
    public async Task DispatchAsync_NothingClose_SuggestsTheFullName()
    {
        var text = Text(await Dispatcher().DispatchAsync(TestData.Request("oi", "zzzzzzzz"), CancellationToken.None));

        Assert.Contains("use the full name such as BTCUSDT", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VenueErrorKind.Unreachable, null, "Binance can't be reached right now. Please try again in a minute.")]
    [InlineData(VenueErrorKind.RateLimited, 90, "Binance is rate-limiting the bot. Please try again in 2m.")]
    [InlineData(VenueErrorKind.RateLimited, null, "Binance is rate-limiting the bot. Please try again in a few minutes.")]
    [InlineData(VenueErrorKind.Banned, 120, "Binance has temporarily blocked the bot's requests. Please try again later.")]
    [InlineData(VenueErrorKind.Timeout, null, "Binance did not answer in time. Please try again in a minute.")]
    [InlineData(VenueErrorKind.ServerError, null, "Binance is having server problems. Please try again in a minute.")]
    [InlineData(VenueErrorKind.BadResponse, null, "Binance sent a response the bot could not read. Please try again later.")]
    public async Task DispatchAsync_VenueFailure_OneClearLineWithoutDetails(VenueErrorKind kind, int? retryAfterSeconds, string expected)
    {
        _market.Failure = new VenueException("binance", kind, "HTTP 503 from https://fapi.binance.com/fapi/v1/premiumIndex at System.Net.Http")
        {
            RetryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        };

        var result = await Dispatcher().DispatchAsync(TestData.Request("funding", "btc"), CancellationToken.None);

        var report = Assert.Single(result.Replies).Report;
        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(report.Blocks));
        Assert.Equal(expected, string.Concat(Assert.Single(paragraph.Lines).Select(r => r.Text)));
        Assert.DoesNotContain("http", Text(result), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DispatchAsync_VenueFailureInChinese_IsLocalized()
    {
        _market.Failure = new VenueException("binance", VenueErrorKind.RateLimited, "429") { RetryAfter = TimeSpan.FromSeconds(30) };

        var text = Text(await Dispatcher().DispatchAsync(TestData.Request("oi", "btc", Language.ZhTw), CancellationToken.None));

        Assert.Contains("Binance 正在限制機器人的請求頻率，請在1分鐘後再試。", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_HandlerBug_GenericLineNoStackTrace()
    {
        _market.Failure = new NullReferenceException("Object reference not set");

        var text = Text(await Dispatcher().DispatchAsync(TestData.Request("funding", "btc"), CancellationToken.None));

        Assert.Contains("Something went wrong on the bot's side", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Object reference", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_CallerCancels_Propagates()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        _market.Failure = new OperationCanceledException(cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher().DispatchAsync(TestData.Request("funding", "btc"), cts.Token));
    }

    [Theory]
    [InlineData(ChatKind.Group, Language.En, "Only admins of this chat can use /setlang here.")]
    [InlineData(ChatKind.Group, Language.ZhTw, "在這個聊天中，只有管理員可以使用 /setlang。")]
    [InlineData(ChatKind.Channel, Language.ZhCn, "在这个聊天中，只有管理员可以使用 /setlang。")]
    public async Task DispatchAsync_SettingsCommandFromNonAdmin_RefusedPolitely(ChatKind kind, Language language, string expected)
    {
        var result = await Dispatcher().DispatchAsync(TestData.Request("lang", "en", language, kind, isAdmin: false), CancellationToken.None);

        Assert.Contains(expected, Text(result), StringComparison.Ordinal);
        Assert.Empty(_settings.Received);
    }

    [Theory]
    [InlineData(ChatKind.Group, true)]
    [InlineData(ChatKind.Channel, true)]
    [InlineData(ChatKind.Private, false)]
    public async Task DispatchAsync_SettingsCommandFromAdminOrPrivate_Runs(ChatKind kind, bool isAdmin)
    {
        await Dispatcher().DispatchAsync(TestData.Request("lang", "en", Language.En, kind, isAdmin), CancellationToken.None);

        Assert.Single(_settings.Received);
    }

    [Fact]
    public async Task DispatchAsync_AdminCheckFails_SaysSoAndDoesNotRun()
    {
        var request = TestData.Request("lang", "en", Language.ZhCn, ChatKind.Group) with
        {
            IsSenderAdminAsync = _ => Task.FromException<bool>(new HttpRequestException("getChatMember failed")),
        };

        var text = Text(await Dispatcher().DispatchAsync(request, CancellationToken.None));

        Assert.Contains("目前无法确认你是否为管理员", text, StringComparison.Ordinal);
        Assert.Empty(_settings.Received);
    }

    [Fact]
    public async Task DispatchAsync_QueryInGroup_NeverAsksForAdminRights()
    {
        var asked = false;
        var request = TestData.Request("funding", "btc", Language.En, ChatKind.Group) with { IsSenderAdminAsync = _ => { asked = true; return Task.FromResult(false); } };

        var result = await Dispatcher().DispatchAsync(request, CancellationToken.None);

        Assert.False(asked);
        Assert.Equal(ReportKind.Funding, Assert.Single(result.Replies).Report.Kind);
    }

    [Fact]
    public void Constructor_TwoHandlersClaimOneName_FailsLoudly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Dispatcher(new RecordingHandler("language", ["lang"], false)));

        Assert.Contains("'lang'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_HandlerOwnsStart_TakesItFromHelp()
    {
        var start = new RecordingHandler("start", [], false);
        var dispatcher = Dispatcher(start);

        Assert.True(dispatcher.IsKnown("/start"));
        _ = dispatcher.DispatchAsync(TestData.Request("start", ""), CancellationToken.None);
        Assert.Single(start.Received);
    }

    [Fact]
    public void Commands_ListsEveryHandlersCommandsAndHelp()
    {
        var names = Dispatcher().Commands.Select(c => c.Name).ToList();

        Assert.Equal(["funding", "oi", "learn", "setlang", "help"], names);
        Assert.All(Dispatcher().Commands, c => Assert.Equal(3, c.Descriptions.Count));
        Assert.All(Dispatcher().Commands, c => Assert.All(c.Descriptions.Values, d => Assert.InRange(d.Length, 1, 100)));
    }

    [Theory]
    [InlineData(Language.En, "DerivBot commands")]
    [InlineData(Language.ZhTw, "DerivBot 指令")]
    [InlineData(Language.ZhCn, "DerivBot 命令")]
    public async Task DispatchAsync_Help_ListsEveryCommandWithSyntax(Language language, string title)
    {
        var result = await Dispatcher().DispatchAsync(TestData.Request("help", "", language), CancellationToken.None);

        var report = Assert.Single(result.Replies).Report;
        Assert.Equal(title, report.Title);
        var text = Text(result);
        foreach (var command in new[] { "/funding <", "/oi <", "/learn [", "/setlang", "/help [" })
        {
            Assert.Contains(command, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DispatchAsync_HelpForOneCommand_ShowsSyntaxAliasesAndAdminNote()
    {
        var text = Text(await Dispatcher().DispatchAsync(TestData.Request("help", "/lang"), CancellationToken.None));

        Assert.Contains("Help: /setlang", text, StringComparison.Ordinal);
        Assert.Contains("Also: /lang", text, StringComparison.Ordinal);
        Assert.Contains("only admins", text, StringComparison.Ordinal);
    }

    private sealed class RecordingHandler(string name, string[] aliases, bool changesSettings) : ICommandHandler
    {
        public List<CommandRequest> Received { get; } = [];

        public IReadOnlyList<CommandInfo> Commands { get; } =
        [
            new(name, aliases, new Dictionary<Language, string> { [Language.En] = "Set it", [Language.ZhTw] = "設定", [Language.ZhCn] = "设置" }, changesSettings, []),
        ];

        public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Received.Add(request);
            return Task.FromResult(CommandResult.Of(new Report(ReportKind.Settings, "ok", [])));
        }
    }
}
