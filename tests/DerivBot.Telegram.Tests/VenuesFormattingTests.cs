using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Application.Venues;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Telegram.Formatting;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram.Tests;

/// <summary>The real <c>/venues</c> report (five venue rows, a missing venue, a stale row) as Telegram HTML in every language.</summary>
public sealed class VenuesFormattingTests
{
    private static readonly TelegramHtmlRenderer Renderer = new();
    private static readonly ResxLocalizer Localizer = new();

    public static TheoryData<Language> Languages => new() { Language.En, Language.ZhTw, Language.ZhCn };

    internal static async Task<Core.Reports.Report> FiveVenueReportAsync(Language language)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 21, 0, 0, TimeSpan.Zero));
        var venues = VenueFixtures.FiveVenues(clock).ToList();
        var aster = new FakeVenueOverview(VenueIds.Aster, clock).List("BTC", 120_000m, 0.0001m, 8, 1_000m);
        venues.Add(aster);
        var aggregator = new VenueAggregator(venues, Options.Create(new VenueAggregationOptions()), clock, NullLogger<VenueAggregator>.Instance);
        await aggregator.GetAsync("BTC", CancellationToken.None);
        aster.FailWith(VenueErrorKind.RateLimited, TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromMinutes(2));
        var snapshot = await aggregator.GetAsync("BTC", CancellationToken.None);
        var ctx = new ReportContext(new Texts(Localizer, language), TimeZoneInfo.Utc, snapshot.Time);
        return VenuesReport.Build(snapshot, ctx).Report;
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Venues_FiveRowsAndAMissingVenue_ValidHtmlMessageAndCaption(Language language)
    {
        var report = await FiveVenueReportAsync(language);

        var parts = Renderer.RenderMessages(report);
        Assert.Single(parts); // fits one message
        foreach (var part in parts)
        {
            TelegramHtmlChecker.AssertValid(part, TelegramHtmlRenderer.MessageLimit);
        }
        var photo = Renderer.RenderPhoto(report);
        TelegramHtmlChecker.AssertValid(photo.Caption, TelegramHtmlRenderer.CaptionLimit);
        foreach (var followUp in photo.FollowUps)
        {
            TelegramHtmlChecker.AssertValid(followUp, TelegramHtmlRenderer.MessageLimit);
        }
        var text = TelegramHtml.ToPlainText(parts[0]);
        foreach (var venue in new[] { "Binance", "Bybit", "OKX", "Hyperliquid", "Gate", "Aster" })
        {
            Assert.Contains(venue, text, StringComparison.Ordinal);
        }
    }
}
