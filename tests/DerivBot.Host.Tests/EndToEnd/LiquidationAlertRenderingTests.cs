using System.Text.Json;
using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Discord.Rendering;
using DerivBot.Storage;
using DerivBot.Telegram.Formatting;
using DerivBot.Telegram.Tests;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>
/// A fired liq5m alert (real engine, real SQLite store) through both chat renderers: the merged total and each venue's
/// part reach the chat, in every language (issue #11).
/// </summary>
public sealed class LiquidationAlertRenderingTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private readonly TempDirectory _temp = new();

    public static TheoryData<Language> Languages => new() { Language.En, Language.ZhTw, Language.ZhCn };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private sealed class Fixed<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    /// <summary>Binance's own stream $1.8M, Bybit $2.4M, OKX $1.2M inside five minutes: the rule (≥ $5M) fires.</summary>
    private async Task<Report> FiredAsync(Language language)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 21, 0, 0, TimeSpan.Zero));
        using var database = SqliteDatabase.ForFile(_temp.File($"alerts-{language.ToCode()}.db"));
        var store = new SqliteStore(database, clock);
        var chat = new ChatAddress(ChatPlatform.Telegram, "42");
        await store.GetOrCreateAsync(chat, language, CancellationToken.None);
        await store.SetLanguageAsync(chat, language, CancellationToken.None);
        var now = clock.GetUtcNow();
        var added = await store.AddAlertAsync(chat, new NewAlertRule(Btc, new AlertCondition(AlertMetric.Liquidations5m, AlertDirection.Above, 5_000_000m), TimeSpan.FromMinutes(30), true),
            50, now, CancellationToken.None);
        Assert.NotNull(added);
        var engine = new AlertEngine(store, store, [], new OutboxSignal(), new Fixed<LimitsOptions>(new LimitsOptions()), new Fixed<JobsOptions>(new JobsOptions()),
            clock, NullLogger<AlertEngine>.Instance, new DerivBot.Application.Localization.ResxLocalizer());
        await engine.EvaluateAsync(new MarketSnapshot { Venue = VenueIds.Binance, Symbol = Btc, DataTime = now }, CancellationToken.None);

        engine.RecordLiquidation(new Liquidation(Btc, PositionSide.Long, 60000m, 60000m, 30m, now));
        engine.RecordLiquidation(new Liquidation(Btc, PositionSide.Long, 60000m, 60000m, 40m, now.AddSeconds(1), VenueIds.Bybit));
        engine.RecordLiquidation(new Liquidation(Btc, PositionSide.Short, 60000m, 60000m, 20m, now.AddSeconds(2), VenueIds.Okx));
        Assert.Equal(1, await engine.EvaluateLiquidationRulesAsync(Btc, CancellationToken.None));
        var item = await store.PeekNextAsync(ChatPlatform.Telegram, clock.GetUtcNow(), CancellationToken.None);
        Assert.NotNull(item);
        return item.Message.Report;
    }

    private static void AssertSplit(string text)
    {
        foreach (var part in new[] { "$5.4M", "Bybit $2.4M", "Binance $1.8M", "OKX $1.2M" })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Liq5mAlert_Telegram_ShowsTheTotalAndEachVenue(Language language)
    {
        var report = await FiredAsync(language);
        var renderer = new TelegramHtmlRenderer();

        var html = renderer.Render(report);

        foreach (var message in renderer.RenderMessages(report))
        {
            TelegramHtmlChecker.AssertValid(message, TelegramHtmlRenderer.MessageLimit);
        }
        AssertSplit(html);
        Assert.Contains(language switch { Language.ZhTw => "5 分鐘內", Language.ZhCn => "5 分钟内", _ => "in 5 min" }, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Liq5mAlert_Discord_ShowsTheTotalAndEachVenueInAField(Language language)
    {
        var report = await FiredAsync(language);

        var message = Assert.Single(new DiscordEmbedRenderer().Render(report, null));

        using var doc = JsonDocument.Parse(message.Payload.ToJsonString());
        var values = doc.RootElement.GetProperty("embeds").EnumerateArray()
            .SelectMany(e => e.TryGetProperty("fields", out var f) ? f.EnumerateArray().Select(x => x.GetProperty("value").GetString()!) : [])
            .ToList();
        var split = Assert.Single(values, v => v.Contains("OKX", StringComparison.Ordinal));
        Assert.InRange(split.Length, 1, DiscordEmbedRenderer.FieldValueLimit);
        AssertSplit(split);
    }
}
