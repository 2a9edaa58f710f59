using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="ICommandDispatcher"/> must do, the real <c>CommandDispatcher</c> and
/// <see cref="FakeCommandDispatcher"/> alike: route names and aliases however the user typed them, hand the handler the
/// canonical name, refuse settings commands of non-admins in groups without running them, and never throw for a
/// command — unknown commands, failing admin checks and failing handlers come back as error reports. Only the caller's
/// own cancellation propagates. (A fake that threw where the real dispatcher never does once hid a production bug.)
/// </summary>
public abstract class CommandDispatcherContract
{
    /// <summary>A dispatcher over exactly these handlers.</summary>
    protected abstract ICommandDispatcher Create(params ICommandHandler[] handlers);

    /// <summary>A scripted handler that records the requests it receives.</summary>
    protected sealed class Handler(CommandInfo info, Func<CommandRequest, CancellationToken, Task<CommandResult>> respond) : ICommandHandler
    {
        public List<CommandRequest> Received { get; } = [];

        public IReadOnlyList<CommandInfo> Commands { get; } = [info];

        public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Received.Add(request);
            return respond(request, cancellationToken);
        }
    }

    private static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);

    private static Handler Funding(Func<CommandRequest, CancellationToken, Task<CommandResult>>? respond = null) =>
        new(FakeCommandDispatcher.Info("funding", "Funding", "資金費率", "资金费率", false, "fr"),
            respond ?? ((r, _) => Task.FromResult(CommandResult.Of(new Report(ReportKind.Funding, "funding " + r.Arguments, [])))));

    private static Handler Subscribe() =>
        new(FakeCommandDispatcher.Info("subscribe", "Subscribe", "訂閱", "订阅", changesSettings: true),
            (_, _) => Task.FromResult(CommandResult.Of(new Report(ReportKind.Info, "subscribed", []))));

    protected static CommandRequest Request(string command, string arguments = "BTC", ChatKind kind = ChatKind.Private, Func<CancellationToken, Task<bool>>? isAdmin = null) =>
        new(new ChatAddress(ChatPlatform.Telegram, "1"), kind, "u1", Language.En, command, arguments, isAdmin ?? (_ => Task.FromResult(false)), Now);

    private static Report Single(CommandResult result) => Assert.Single(result.Replies).Report;

    [Theory]
    [InlineData("funding")]
    [InlineData("fr")]
    [InlineData("/FUNDING")]
    [InlineData(" /fr@DerivBot ")]
    public void IsKnown_NameOrAliasAsTyped_True(string typed) => Assert.True(Create(Funding()).IsKnown(typed));

    [Theory]
    [InlineData("fundingx")]
    [InlineData("")]
    [InlineData("/")]
    public void IsKnown_Other_False(string typed) => Assert.False(Create(Funding()).IsKnown(typed));

    [Fact]
    public void Commands_ListsEveryHandlersCommands()
    {
        var names = Create(Funding(), Subscribe()).Commands.Select(c => c.Name).ToList();

        Assert.Contains("funding", names);
        Assert.Contains("subscribe", names);
    }

    [Fact]
    public async Task DispatchAsync_Alias_HandlerGetsTheCanonicalName()
    {
        var funding = Funding();

        var report = Single(await Create(funding).DispatchAsync(Request("/FR@DerivBot", "ETH 4h"), CancellationToken.None));

        Assert.Equal("funding ETH 4h", report.Title);
        var received = Assert.Single(funding.Received);
        Assert.Equal(("funding", "ETH 4h"), (received.Command, received.Arguments));
    }

    [Fact]
    public async Task DispatchAsync_UnknownCommand_ErrorReportNoException()
    {
        var funding = Funding();

        var report = Single(await Create(funding).DispatchAsync(Request("nosuchcommand"), CancellationToken.None));

        Assert.Equal(ReportKind.Error, report.Kind);
        Assert.Empty(funding.Received);
    }

    [Fact]
    public async Task DispatchAsync_HandlerThrows_ErrorReportNoException()
    {
        var dispatcher = Create(Funding((_, _) => throw new InvalidOperationException("renderer down")));

        var report = Single(await dispatcher.DispatchAsync(Request("funding"), CancellationToken.None));

        Assert.Equal(ReportKind.Error, report.Kind);
    }

    [Fact]
    public async Task DispatchAsync_HandlerFailsAsynchronously_ErrorReportNoException()
    {
        var dispatcher = Create(Funding(async (_, ct) =>
        {
            await Task.Yield();
            throw new TimeoutException("venue hung");
        }));

        Assert.Equal(ReportKind.Error, Single(await dispatcher.DispatchAsync(Request("funding"), CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task DispatchAsync_CallerCancels_OperationCanceledPropagates()
    {
        using var cts = new CancellationTokenSource();
        var dispatcher = Create(Funding(async (_, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return CommandResult.Of(new Report(ReportKind.Funding, "late", []));
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.DispatchAsync(Request("funding"), cts.Token));
    }

    [Fact]
    public async Task DispatchAsync_SettingsCommandFromNonAdminInGroup_RefusedWithoutRunning()
    {
        var subscribe = Subscribe();

        var report = Single(await Create(subscribe).DispatchAsync(Request("subscribe", kind: ChatKind.Group), CancellationToken.None));

        Assert.Equal(ReportKind.Error, report.Kind);
        Assert.Empty(subscribe.Received);
    }

    [Fact]
    public async Task DispatchAsync_AdminCheckThrows_ErrorReportWithoutRunning()
    {
        var subscribe = Subscribe();
        var request = Request("subscribe", kind: ChatKind.Group, isAdmin: _ => throw new HttpRequestException("platform down"));

        var report = Single(await Create(subscribe).DispatchAsync(request, CancellationToken.None));

        Assert.Equal(ReportKind.Error, report.Kind);
        Assert.Empty(subscribe.Received);
    }

    [Fact]
    public async Task DispatchAsync_SettingsCommandFromAdminInGroupOrInPrivate_Runs()
    {
        var subscribe = Subscribe();
        var dispatcher = Create(subscribe);

        Assert.Equal("subscribed", Single(await dispatcher.DispatchAsync(Request("subscribe", kind: ChatKind.Group, isAdmin: _ => Task.FromResult(true)), CancellationToken.None)).Title);
        Assert.Equal("subscribed", Single(await dispatcher.DispatchAsync(Request("subscribe", kind: ChatKind.Private), CancellationToken.None)).Title);
        Assert.Equal(2, subscribe.Received.Count);
    }

    [Fact]
    public async Task DispatchAsync_HandlerAnswersWithAnErrorReport_PassedThrough()
    {
        var dispatcher = Create(Funding((_, _) => Task.FromResult(CommandResult.Of(new Report(ReportKind.Error, "no data for ETH", [], Tone: ReportTone.Error)))));

        var report = Single(await dispatcher.DispatchAsync(Request("funding"), CancellationToken.None));

        Assert.Equal((ReportKind.Error, "no data for ETH"), (report.Kind, report.Title));
    }
}
