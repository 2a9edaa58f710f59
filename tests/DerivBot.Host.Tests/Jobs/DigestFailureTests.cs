using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Host.Cli;
using DerivBot.Host.Tests.EndToEnd;
using DerivBot.Storage;
using DerivBot.Testing;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DerivBot.Host.Tests.Jobs;

/// <summary>
/// Digests through the whole composed bot (real market store, Binance adapter, command dispatcher and report builders,
/// SQLite): a venue that answers 5xx, or data older than <c>Jobs:DigestMaxStaleness</c>, never reaches a chat as an
/// error report; the digest is retried within its slot and the chat hears one short "skipped" line per outage.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DigestFailureTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact(Timeout = 120_000)]
    public async Task Digest_VenueAnswers5xx_PostponedThenOneLocalizedSkipLinePerOutage()
    {
        await using var binance = await FakeBinanceServer.StartAsync();
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
        using var host = Build(binance.RestUrl, clock);
        var chat = new ChatAddress(ChatPlatform.Telegram, "886");
        var slot = await SubscribeAsync(host, chat, "btc quadrant every 4h", Language.ZhTw);
        // Binance listed the symbol when the user subscribed; now every market-data call answers 503 in Binance's shape.
        foreach (var path in new[]
        {
            "/fapi/v1/premiumIndex", "/fapi/v1/fundingRate", "/fapi/v1/fundingInfo", "/fapi/v1/openInterest", "/futures/data/openInterestHist",
            "/futures/data/globalLongShortAccountRatio", "/futures/data/topLongShortAccountRatio", "/futures/data/topLongShortPositionRatio",
            "/futures/data/takerlongshortRatio", "/fapi/v1/klines", "/fapi/v1/ticker/24hr", "/api/v3/ticker/24hr",
        })
        {
            binance.Enqueue(path, Enumerable.Repeat(FakeResponse.Error(503, -1001, "Internal error; unable to process your request. Please try again."), 500).ToArray());
        }
        var digests = host.Services.GetRequiredService<DigestService>();
        var store = host.Services.GetRequiredService<SqliteStore>();
        clock.Advance(slot - clock.GetUtcNow());

        var first = await digests.RunDueAsync(default);

        Assert.Equal((1, 0), (first.Due, first.Enqueued));
        Assert.Equal(new OutboxStats(0, 0, 0), await store.GetStatsAsync(default));
        Assert.Equal(clock.GetUtcNow().AddSeconds(30), await store.GetEarliestDueAsync(default));
        Assert.NotEqual(0, binance.Count("/fapi/v1/premiumIndex") + binance.Count("/fapi/v1/klines") + binance.Count("/fapi/v1/openInterest"));

        // Retries through the whole slot; then one skip line in the chat's language, no error report.
        await RunThroughAsync(digests, store, clock, slot.AddHours(4));
        var notice = Assert.Single(await PendingAsync(store));
        Assert.Equal(ReportKind.Digest, notice.Kind);
        var text = string.Concat(notice.Blocks.OfType<ParagraphBlock>().SelectMany(p => p.Lines).SelectMany(l => l).Select(r => r.Text));
        Assert.Contains("BTCUSDT", text, StringComparison.Ordinal);
        Assert.Contains("已略過：Binance 沒有回應", text, StringComparison.Ordinal);

        // The next slot fails as well: same outage, nothing more is sent.
        await RunThroughAsync(digests, store, clock, slot.AddHours(8));
        Assert.Single(await PendingAsync(store));
        Assert.Equal(slot.AddHours(8), await store.GetEarliestDueAsync(default));
    }

    [Fact(Timeout = 120_000)]
    public async Task Digest_DataOlderThanMaxStaleness_NotSentAndSkippedOnce()
    {
        await using var binance = await FakeBinanceServer.StartAsync();
        // The fixtures' data is as of 2025-10-10 00:00 UTC.
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
        using var host = Build(binance.RestUrl, clock);
        var chat = new ChatAddress(ChatPlatform.Telegram, "1001");
        var slot = await SubscribeAsync(host, chat, "btc quadrant every 5m", Language.En);
        Assert.InRange(slot - new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero), TimeSpan.Zero, TimeSpan.FromMinutes(7));
        var digests = host.Services.GetRequiredService<DigestService>();
        var store = host.Services.GetRequiredService<SqliteStore>();
        clock.Advance(slot - clock.GetUtcNow());

        // Fresh data: the real quadrant report goes out.
        Assert.Equal(1, (await digests.RunDueAsync(default)).Enqueued);
        var digest = Assert.Single(await PendingAsync(store));
        Assert.Equal(ReportKind.Quadrant, digest.Kind);

        // Nothing refreshes the store (the refresh job is not running): at the next slot the data is too old.
        await RunThroughAsync(digests, store, clock, slot.AddMinutes(10));
        var pending = await PendingAsync(store);
        Assert.Equal(2, pending.Count);
        var notice = pending[1];
        Assert.Equal(ReportKind.Digest, notice.Kind);
        var text = string.Concat(notice.Blocks.OfType<ParagraphBlock>().SelectMany(p => p.Lines).SelectMany(l => l).Select(r => r.Text));
        Assert.Contains("skipped: market data is", text, StringComparison.Ordinal);
    }

    /// <summary>The whole bot as <c>run</c> builds it, not started (no jobs, no platforms), on a manual clock.</summary>
    private IHost Build(string binanceRestUrl, TimeProvider clock)
    {
        var overrides = AppRun.WithTemp(_temp, new Dictionary<string, string?>
        {
            ["Venues:Mode"] = "Live",
            ["Venues:Binance:FuturesRestUrl"] = binanceRestUrl,
            ["Venues:Binance:SpotRestUrl"] = binanceRestUrl,
            // The adapter's own retries wait on the clock, which only the test moves.
            ["Venues:Binance:MaxRetries"] = "0",
            ["Jobs:MinScheduleInterval"] = "00:01:00",
            ["Jobs:DigestMaxStaleness"] = "00:07:00",
        });
        var builder = DerivBotApp.CreateBuilder(CommandLine.Parse(["run"]), overrides);
        builder.Services.Replace(ServiceDescriptor.Singleton(clock));
        return builder.Build();
    }

    private static async Task<DateTimeOffset> SubscribeAsync(IHost host, ChatAddress chat, string arguments, Language language)
    {
        var handler = host.Services.GetServices<ICommandHandler>().OfType<SubscriptionCommandHandler>().Single();
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var reply = await handler.HandleAsync(new CommandRequest(chat, ChatKind.Private, "u", language, "subscribe", arguments, _ => Task.FromResult(true), clock.GetUtcNow()), default);
        Assert.True(reply.Replies[0].Report.Kind == ReportKind.Subscriptions, new Application.Reports.PlainTextReportRenderer().Render(reply.Replies[0].Report));
        return (await host.Services.GetRequiredService<ISubscriptionStore>().GetEarliestDueAsync(default))!.Value;
    }

    /// <summary>Runs due digests and moves the clock to the next due time, as the digest trigger would, until <paramref name="until"/>.</summary>
    private static async Task RunThroughAsync(DigestService digests, SqliteStore store, ManualTimeProvider clock, DateTimeOffset until)
    {
        for (var i = 0; i < 200; i++)
        {
            await digests.RunDueAsync(default);
            var next = (await store.GetEarliestDueAsync(default))!.Value;
            if (next >= until)
            {
                return;
            }
            if (next > clock.GetUtcNow())
            {
                clock.Advance(next - clock.GetUtcNow());
            }
        }
        throw new InvalidOperationException("the digest never left its retry loop");
    }

    /// <summary>Pending outbox messages, oldest first, read straight from the database file.</summary>
    private async Task<List<Report>> PendingAsync(SqliteStore store)
    {
        _ = store;
        await using var c = new SqliteConnection("Data Source=" + _temp.File("bot.db"));
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT report_json FROM outbox WHERE status = 0 ORDER BY id";
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<Report>();
        while (await r.ReadAsync())
        {
            list.Add(ReportJson.Deserialize(r.GetString(0)));
        }
        return list;
    }
}
