using System.Text.Json;
using DerivBot.Application.Localization;
using DerivBot.Application.OptionChains;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Signals;
using DerivBot.Discord.Rendering;
using DerivBot.Telegram.Formatting;
using DerivBot.Telegram.Tests;
using DerivBot.Testing;
using DerivBot.Venues.Replay;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>The <c>/options</c> report from the replay chain, with both combined readings firing, through both renderers.</summary>
public sealed class OptionsRenderingTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 10, 23, 40, 0, TimeSpan.Zero);

    public static TheoryData<Language> Languages => new() { Language.En, Language.ZhTw, Language.ZhCn };

    private static async Task<CommandReply> ReplyAsync(Language language)
    {
        var clock = new ManualTimeProvider(Now);
        var history = new FakeOptionsHistoryStore();
        // A day ago the put/call was far lower: with crowded longs this is "hedging while longs crowd".
        await history.RecordOptionsAsync(ReplayOptionsVenue.VenueName, "BTC", new OptionsHistoryPoint(Now.AddHours(-24), 0.2m, 0.2m, 0.8m, 0.5m, 120_000m), CancellationToken.None);
        var market = new OptionsMarket([new ReplayOptionsVenue(clock)], Microsoft.Extensions.Options.Options.Create(new SignalOptions()), clock,
            NullLogger<OptionsMarket>.Instance, [history]);
        var view = await market.GetAsync("BTC", new OptionsMarketContext(2.2m, -0.0003m), CancellationToken.None);
        var ctx = new ReportContext(new Texts(new ResxLocalizer(), language), TimeZoneInfo.Utc, Now);
        Assert.True(view.Signal.HedgingWhileLongsCrowd);
        return OptionsReport.Build(view, ctx, null, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task OptionsReport_Telegram_ValidHtmlWithinLimits(Language language)
    {
        var reply = await ReplyAsync(language);
        var renderer = new TelegramHtmlRenderer();

        foreach (var message in renderer.RenderMessages(reply.Report))
        {
            TelegramHtmlChecker.AssertValid(message, TelegramHtmlRenderer.MessageLimit);
        }
        var photo = renderer.RenderPhoto(reply.Report);
        TelegramHtmlChecker.AssertValid(photo.Caption, TelegramHtmlRenderer.CaptionLimit);
        foreach (var followUp in photo.FollowUps)
        {
            TelegramHtmlChecker.AssertValid(followUp, TelegramHtmlRenderer.MessageLimit);
        }
        Assert.NotNull(renderer.Keyboard(reply.Report));
        if (language != Language.En)
        {
            Assert.True(AppRun.HasHan(renderer.Render(reply.Report)));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task OptionsReport_Discord_EveryEmbedWithinLimits(Language language)
    {
        var reply = await ReplyAsync(language);
        var messages = new DiscordEmbedRenderer().Render(reply.Report, new ChartImage("options-oi-by-strike.png", [1, 2, 3], "alt"));

        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            using var doc = JsonDocument.Parse(message.Payload.ToJsonString());
            var total = 0;
            foreach (var embed in doc.RootElement.GetProperty("embeds").EnumerateArray())
            {
                total += Checked(embed, "title", DiscordEmbedRenderer.TitleLimit);
                total += embed.TryGetProperty("description", out _) ? Checked(embed, "description", DiscordEmbedRenderer.DescriptionLimit) : 0;
                total += embed.TryGetProperty("footer", out var footer) ? Checked(footer, "text", DiscordEmbedRenderer.FooterLimit) : 0;
                if (embed.TryGetProperty("fields", out var fields))
                {
                    Assert.InRange(fields.GetArrayLength(), 1, DiscordEmbedRenderer.FieldCountLimit);
                    foreach (var field in fields.EnumerateArray())
                    {
                        total += Checked(field, "name", DiscordEmbedRenderer.FieldNameLimit);
                        total += Checked(field, "value", DiscordEmbedRenderer.FieldValueLimit);
                    }
                }
            }
            Assert.InRange(total, 1, DiscordEmbedRenderer.TotalLimit);
        }
    }

    private static int Checked(JsonElement element, string name, int limit)
    {
        var text = element.GetProperty(name).GetString()!;
        Assert.InRange(text.Length, 1, limit);
        return text.Length;
    }
}
