using System.Net;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Telegram.Hosting;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DerivBot.Telegram.Tests;

public sealed class HostingTests
{
    [Fact(Timeout = 30_000)]
    public async Task Poller_ConfirmsUpdateOnlyAfterItWasHandled()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        var release = new TaskCompletionSource();
        var inner = ctx.Dispatcher.Respond;
        ctx.Dispatcher.Respond = async (r, ct) => { await release.Task.WaitAsync(ct); return await inner(r, ct); };
        var id = ctx.Server.AddUpdate(TgUpdates.Private("/funding BTC"));

        var run = ctx.Poller.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => !ctx.Dispatcher.Requests.IsEmpty, what: "dispatch");
        await Task.Delay(300, cts.Token);
        Assert.Single(ctx.Server.CallsTo("getUpdates")); // no further poll (and so no confirmation) while handling
        Assert.Equal(1, ctx.Server.UnconfirmedUpdates);

        release.SetResult();
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("getUpdates").Count >= 2, what: "next poll");
        Assert.Equal((id + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ctx.Server.CallsTo("getUpdates")[1]["offset"]);
        Assert.Contains("callback_query", ctx.Server.CallsTo("getUpdates")[0]["allowed_updates"], StringComparison.Ordinal);
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.UnconfirmedUpdates == 0, what: "confirmation");
        Assert.Equal(id, await ctx.Services.GetRequiredService<ITelegramOffsetStore>().GetLastHandledAsync(cts.Token));
        await cts.CancelAsync();
        await run;
        Assert.Single(ctx.Dispatcher.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Poller_StopWhileBatchHandled_ReplyStillSentAndConfirmedLocally()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var release = new TaskCompletionSource();
        var inner = ctx.Dispatcher.Respond;
        ctx.Dispatcher.Respond = async (r, ct) => { await release.Task.WaitAsync(ct); return await inner(r, ct); };
        var id = ctx.Server.AddUpdate(TgUpdates.Private("/funding BTC"));

        var run = ctx.Poller.RunAsync(stop.Token);
        await TestTimeouts.WaitUntilAsync(() => !ctx.Dispatcher.Requests.IsEmpty, what: "dispatch");
        await stop.CancelAsync(); // SIGTERM while the command is being answered
        release.SetResult();
        await run.WaitAsync(cts.Token);

        // The answer went out although the stop came first, the update counts as handled, and no new poll was made.
        Assert.Single(ctx.Server.CallsTo("sendMessage"));
        Assert.Equal(id, await ctx.Services.GetRequiredService<ITelegramOffsetStore>().GetLastHandledAsync(cts.Token));
        Assert.Single(ctx.Server.CallsTo("getUpdates"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Poller_RestartWithStoredOffset_DoesNotHandleTwice()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        var first = ctx.Server.AddUpdate(TgUpdates.Private("/funding BTC"));
        await ctx.Services.GetRequiredService<ITelegramOffsetStore>().SetLastHandledAsync(first, cts.Token);
        ctx.Server.AddUpdate(TgUpdates.Private("/funding ETH"));

        var run = ctx.Poller.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => !ctx.Dispatcher.Requests.IsEmpty, what: "dispatch");
        await Task.Delay(300, cts.Token);
        await cts.CancelAsync();
        await run;

        Assert.Equal("ETH", Assert.Single(ctx.Dispatcher.Requests).Arguments);
    }

    [Fact(Timeout = 30_000)]
    public async Task Poller_409_BacksOffThirtySecondsNotATightLoop()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock);
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("getUpdates", FakeReply.Conflict(), times: 2);

        var run = ctx.Poller.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers > 0 && ctx.Server.CallsTo("getUpdates").Count == 1, what: "backoff");
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(300, cts.Token);
        Assert.Single(ctx.Server.CallsTo("getUpdates"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("getUpdates").Count == 2, what: "second poll");
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers > 0, what: "second backoff");
        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(300, cts.Token);
        Assert.Equal(2, ctx.Server.CallsTo("getUpdates").Count); // doubled to 60 s
        clock.Advance(TimeSpan.FromSeconds(1));
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("getUpdates").Count >= 3, what: "third poll");
        await cts.CancelAsync();
        await run;
        Assert.Contains(ctx.Logs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("another instance", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Poller_5xx_RetriesWithBackoffAndRecovers()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("getUpdates", FakeReply.ServerError(), times: 1);
        ctx.Server.AddUpdate(TgUpdates.Private("/funding BTC"));

        var run = ctx.Poller.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => !ctx.Dispatcher.Requests.IsEmpty, what: "dispatch after retry");
        await cts.CancelAsync();
        await run;
        Assert.True(ctx.Server.CallsTo("getUpdates").Count >= 2);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData("right-secret_")]
    public async Task Webhook_WrongOrMissingSecret_401AndNothingHandled(string? secret)
    {
        await using var ctx = await TelegramTestContext.StartAsync(o =>
        {
            o.Mode = TelegramMode.Webhook;
            o.WebhookUrl = new Uri("https://bot.example.com/telegram/update");
            o.WebhookSecret = "right-secret";
        });
        using var cts = TestTimeouts.NetworkToken();
        await using var server = await WebhookListener.StartAsync(ctx.Services.GetRequiredService<TelegramWebhookServer>(), cts.Token);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/telegram/update"))
        {
            Content = new StringContent("{\"update_id\":5," + TgUpdates.Private("/funding BTC") + "}", System.Text.Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add(TelegramWebhookServer.SecretHeader, secret);
        }

        using var response = await http.SendAsync(request, cts.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(ctx.Dispatcher.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Webhook_RightSecret_HandledOnceEvenIfRedelivered()
    {
        await using var ctx = await TelegramTestContext.StartAsync(o =>
        {
            o.Mode = TelegramMode.Webhook;
            o.WebhookUrl = new Uri("https://bot.example.com/telegram/update");
            o.WebhookSecret = "right-secret";
        });
        using var cts = TestTimeouts.NetworkToken();
        await using var server = await WebhookListener.StartAsync(ctx.Services.GetRequiredService<TelegramWebhookServer>(), cts.Token);
        using var http = new HttpClient();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/telegram/update"))
            {
                Content = new StringContent("{\"update_id\":5," + TgUpdates.Private("/funding BTC") + "}", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(TelegramWebhookServer.SecretHeader, "right-secret");
            using var response = await http.SendAsync(request, cts.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Single(ctx.Dispatcher.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task AddTelegram_FullRunWithErrors_TokenNeverLogged()
    {
        await using var fake = await FakeTelegramServer.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        var logs = new CapturingLoggerProvider();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ApiBaseUrl"] = fake.ApiBaseUrl.AbsoluteUri,
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:RequestTimeout"] = "00:00:01",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var dispatcher = TelegramTestCommands.Dispatcher();
        var registry = new InMemoryChatRegistry();
        services.AddSingleton<ICommandDispatcher>(dispatcher);
        services.AddSingleton<IChatRegistry>(registry);
        services.AddTelegram(config);
        fake.Script("getMe", new FakeReply(502, "<html><body>502 Bad Gateway</body></html>")); // a proxy's page, no API answer
        fake.Script("getUpdates", FakeReply.ServerError());
        fake.Script("sendMessage", FakeReply.NoAnswer()); // a timeout, retried
        fake.Script("sendMessage", FakeReply.Forbidden());
        fake.Script("setMyCommands", FakeReply.BadRequest("Bad Request: nope"));
        fake.AddUpdate(TgUpdates.Private("/funding <b>BTC"));
        await using (var provider = services.BuildServiceProvider())
        {
            var hosted = provider.GetServices<IHostedService>().ToList();
            foreach (var h in hosted)
            {
                await h.StartAsync(cts.Token);
            }
            await TestTimeouts.WaitUntilAsync(() => !registry.Inactivated.IsEmpty, what: "403 handled");
            Assert.Contains(provider.GetServices<IChatSender>(), s => s.Platform == ChatPlatform.Telegram);
            foreach (var h in hosted)
            {
                await h.StopAsync(cts.Token);
            }
        }
        Assert.Contains(fake.Calls, c => c.Method == "setMyCommands");
        Assert.Contains("funding", fake.CallsTo("setMyCommands")[0]["commands"], StringComparison.Ordinal);
        Assert.NotEmpty(logs.Entries);
        var secretPart = FakeTelegramServer.Token.Split(':')[1];
        Assert.DoesNotContain(secretPart, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTelegramServer.Token.Split(':')[0], logs.AllText, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("bot:SECRETVALUE")] // Telegram.Bot reads the bot id before the colon and throws on anything else
    [InlineData("12345 SECRETVALUE")]
    public async Task AddTelegram_MalformedToken_StartFailsNamingTheKeyNeverTheToken(string token)
    {
        using var cts = TestTimeouts.NetworkToken();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:BotToken"] = token });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ICommandDispatcher>(TelegramTestCommands.Dispatcher());
        builder.Services.AddSingleton<IChatRegistry>(new InMemoryChatRegistry());
        builder.Services.AddTelegram(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(cts.Token));

        Assert.Contains("Telegram:BotToken", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTelegram_NoToken_RegistersNothingActive()
    {
        var services = new ServiceCollection();
        services.AddTelegram(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:Mode"] = "Polling" }).Build());
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IChatSender));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }
}
