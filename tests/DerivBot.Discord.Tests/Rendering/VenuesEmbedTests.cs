using System.Text.Json;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Application.Venues;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Discord.Rendering;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Tests.Rendering;

/// <summary>The real <c>/venues</c> report (five venue rows, a missing venue, a stale row) within Discord's embed limits in every language.</summary>
public sealed class VenuesEmbedTests
{
    private static readonly ResxLocalizer Localizer = new();

    public static TheoryData<Language> Languages => new() { Language.En, Language.ZhTw, Language.ZhCn };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Venues_FiveRowsAndAMissingVenue_OneMessageWithinEveryEmbedLimit(Language language)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 21, 0, 0, TimeSpan.Zero));
        var venues = VenueFixtures.FiveVenues(clock).ToList();
        var aster = new FakeVenueOverview(VenueIds.Aster, clock).List("BTC", 120_000m, 0.0001m, 8, 1_000m);
        venues.Add(aster);
        var aggregator = new VenueAggregator(venues, Options.Create(new VenueAggregationOptions()), clock, NullLogger<VenueAggregator>.Instance);
        await aggregator.GetAsync("BTC", CancellationToken.None);
        aster.FailWith(VenueErrorKind.Banned);
        clock.Advance(TimeSpan.FromMinutes(2));
        var snapshot = await aggregator.GetAsync("BTC", CancellationToken.None);
        var reply = VenuesReport.Build(snapshot, new ReportContext(new Texts(Localizer, language), TimeZoneInfo.Utc, snapshot.Time));

        var messages = new DiscordEmbedRenderer().Render(reply.Report, new ChartImage("venues.png", [0x89, 0x50], "alt"));

        var message = Assert.Single(messages);
        using var doc = JsonDocument.Parse(message.Payload.ToJsonString());
        var embed = Assert.Single(doc.RootElement.GetProperty("embeds").EnumerateArray());
        var total = Length(embed, "title", DiscordEmbedRenderer.TitleLimit)
            + Length(embed, "description", DiscordEmbedRenderer.DescriptionLimit)
            + Length(embed.GetProperty("footer"), "text", DiscordEmbedRenderer.FooterLimit);
        var fields = embed.GetProperty("fields");
        Assert.InRange(fields.GetArrayLength(), 1, DiscordEmbedRenderer.FieldCountLimit);
        foreach (var field in fields.EnumerateArray())
        {
            total += Length(field, "name", DiscordEmbedRenderer.FieldNameLimit) + Length(field, "value", DiscordEmbedRenderer.FieldValueLimit);
        }
        Assert.InRange(total, 1, DiscordEmbedRenderer.TotalLimit);
        var description = embed.GetProperty("description").GetString()!;
        foreach (var venue in new[] { "Binance", "Bybit", "OKX", "Hyperliquid", "Gate", "Aster" })
        {
            Assert.Contains(venue, description, StringComparison.Ordinal);
        }
        Assert.Single(message.Files);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Liq_MergedFourVenues_WithinEveryEmbedLimit(Language language)
    {
        var now = SampleMarket.Now;
        var snapshot = MergedLiquidations.Snapshot(new Core.Markets.Symbol("BTCUSDT"), now);
        var options = new Core.Signals.SignalOptions();
        var signals = Core.Signals.SignalEngine.Compute(snapshot, now, options);
        var reply = ChartReports.Liquidations(snapshot, signals, options, new ReportContext(new Texts(Localizer, language), TimeZoneInfo.Utc, now), null, CancellationToken.None);

        var messages = new DiscordEmbedRenderer().Render(reply.Report, null);

        var text = "";
        foreach (var message in messages)
        {
            using var doc = JsonDocument.Parse(message.Payload.ToJsonString());
            foreach (var embed in doc.RootElement.GetProperty("embeds").EnumerateArray())
            {
                var total = OptionalLength(embed, "title", DiscordEmbedRenderer.TitleLimit)
                    + OptionalLength(embed, "description", DiscordEmbedRenderer.DescriptionLimit);
                if (embed.TryGetProperty("footer", out var footer))
                {
                    total += Length(footer, "text", DiscordEmbedRenderer.FooterLimit);
                }
                if (embed.TryGetProperty("fields", out var fields))
                {
                    Assert.InRange(fields.GetArrayLength(), 0, DiscordEmbedRenderer.FieldCountLimit);
                    foreach (var field in fields.EnumerateArray())
                    {
                        total += Length(field, "name", DiscordEmbedRenderer.FieldNameLimit) + Length(field, "value", DiscordEmbedRenderer.FieldValueLimit);
                        text += field.GetProperty("name").GetString() + field.GetProperty("value").GetString();
                    }
                }
                Assert.InRange(total, 1, DiscordEmbedRenderer.TotalLimit);
                text += embed.TryGetProperty("description", out var d) ? d.GetString() : "";
            }
        }
        foreach (var venue in new[] { "Binance", "Bybit", "OKX", "Gate" })
        {
            Assert.Contains(venue, text, StringComparison.Ordinal);
        }
    }

    private static int OptionalLength(JsonElement element, string name, int limit) =>
        element.TryGetProperty(name, out _) ? Length(element, name, limit) : 0;

    private static int Length(JsonElement element, string name, int limit)
    {
        var text = element.GetProperty(name).GetString() ?? string.Empty;
        Assert.InRange(text.Length, 1, limit);
        return text.Length;
    }
}
