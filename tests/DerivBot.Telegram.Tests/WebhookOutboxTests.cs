using System.Net;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Storage;
using DerivBot.Telegram.Hosting;
using DerivBot.Telegram.Sending;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Telegram.Tests;

/// <summary>Webhook mode: every instance accepts updates and the answer goes through the shared, durable outbox.</summary>
public sealed class WebhookOutboxTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(TelegramTestContext Ctx, SqliteStore Store, SqliteDatabase Db)> StartAsync()
    {
        var db = SqliteDatabase.ForFile(_dir.File("bot.db"));
        await db.MigrateAsync(CancellationToken.None);
        var store = new SqliteStore(db, TimeProvider.System);
        var ctx = await TelegramTestContext.StartAsync(o =>
        {
            o.Mode = TelegramMode.Webhook;
            o.WebhookUrl = new Uri("https://bot.example.com/telegram/update");
            o.WebhookSecret = "right-secret";
        }, extraServices: s =>
        {
            s.AddSingleton<IOutboxStore>(store);
            s.AddSingleton<OutboxSignal>();
            s.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
            s.AddOptions<JobsOptions>();
            s.AddOptions<OutboxOptions>();
            s.AddSingleton<OutboxDrainer>();
        });
        return (ctx, store, db);
    }

    private static async Task<HttpStatusCode> PostAsync(WebhookListener server, long updateId, string body, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/telegram/update"))
        {
            Content = new StringContent("{\"update_id\":" + updateId + "," + body + "}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TelegramWebhookServer.SecretHeader, "right-secret");
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }

    [Fact(Timeout = 30_000)]
    public async Task Webhook_SameUpdateAtTwoInstances_OneDurableReplySentOnceByTheDrainer()
    {
        var (ctx, store, db) = await StartAsync();
        using var _ = db;
        await using var __ = ctx;
        using var cts = TestTimeouts.NetworkToken();
        // Two webhook endpoints over the same store = two instances behind a load balancer (each remembers only its own updates).
        await using var first = await WebhookListener.StartAsync(ctx.Services.GetRequiredService<TelegramWebhookServer>(), cts.Token);
        await using var second = await WebhookListener.StartAsync(ActivatorUtilities.CreateInstance<TelegramWebhookServer>(ctx.Services), cts.Token);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(first, 5, TgUpdates.Private("/funding BTC"), cts.Token));
        // Telegram redelivers (say the first answer was lost on the way back) and the balancer picks the other instance.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(second, 5, TgUpdates.Private("/funding BTC"), cts.Token));

        Assert.Equal(2, ctx.Dispatcher.Requests.Count); // both instances ran the command…
        Assert.Empty(ctx.Server.CallsTo("sendMessage")); // …nothing was sent around the outbox…
        Assert.Equal(1, (await store.GetStatsAsync(cts.Token)).Pending); // …and the answer is stored once.

        var drained = await ctx.Services.GetRequiredService<OutboxDrainer>().DrainDueAsync(ctx.Sender, cts.Token);

        Assert.Equal(1, drained);
        var sent = Assert.Single(ctx.Server.CallsTo("sendMessage"));
        Assert.Equal(TgUpdates.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.ChatId);
        Assert.Contains("BTC", sent["text"], StringComparison.Ordinal);
        Assert.Equal(new OutboxStats(0, 1, 0), await store.GetStatsAsync(cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task Webhook_ReplyQueuedBehindAnEarlierBroadcast_ChatOrderKept()
    {
        var (ctx, store, db) = await StartAsync();
        using var _ = db;
        await using var __ = ctx;
        using var cts = TestTimeouts.NetworkToken();
        await using var server = await WebhookListener.StartAsync(ctx.Services.GetRequiredService<TelegramWebhookServer>(), cts.Token);
        var chat = new ChatAddress(ChatPlatform.Telegram, TgUpdates.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var digest = new Report(ReportKind.Info, "Morning digest", [ParagraphBlock.Of("digest body")]);
        await store.EnqueueAsync(new OutboxDraft(chat, OutboxKind.Digest, "sub:1:test", new OutboundMessage(digest)), TimeProvider.System.GetUtcNow().AddSeconds(-1), cts.Token);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(server, 7, TgUpdates.Private("/funding ETH"), cts.Token));
        await ctx.Services.GetRequiredService<OutboxDrainer>().DrainDueAsync(ctx.Sender, cts.Token);

        var texts = ctx.Server.CallsTo("sendMessage").Select(c => c["text"] ?? "").ToList();
        Assert.Equal(2, texts.Count);
        Assert.Contains("Morning digest", texts[0], StringComparison.Ordinal);
        Assert.Contains("ETH", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ReplyKey_NamesChatUpdateAndIndex() =>
        Assert.Equal("tg-reply:42:5:1", TelegramReplyRoute.ReplyKey(new ChatAddress(ChatPlatform.Telegram, "42"), 5, "1"));
}
