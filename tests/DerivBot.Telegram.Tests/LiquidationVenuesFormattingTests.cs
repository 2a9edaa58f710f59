using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using DerivBot.Telegram.Formatting;
using DerivBot.Testing;

namespace DerivBot.Telegram.Tests;

/// <summary>The real <c>/liq</c> report over a merged four-venue flow as Telegram HTML in every language.</summary>
public sealed class LiquidationVenuesFormattingTests
{
    private static readonly TelegramHtmlRenderer Renderer = new();
    private static readonly ResxLocalizer Localizer = new();

    public static TheoryData<Language> Languages => new() { Language.En, Language.ZhTw, Language.ZhCn };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Liq_MergedFourVenues_PerVenueTotalsCoverageAndEventVenueInValidHtml(Language language)
    {
        var now = SampleMarket.Now;
        var snapshot = MergedLiquidations.Snapshot(new Symbol("BTCUSDT"), now);
        var options = new SignalOptions();
        var signals = SignalEngine.Compute(snapshot, now, options);
        var reply = ChartReports.Liquidations(snapshot, signals, options, new ReportContext(new Texts(Localizer, language), TimeZoneInfo.Utc, now), null, CancellationToken.None);

        var parts = Renderer.RenderMessages(reply.Report);
        foreach (var part in parts)
        {
            TelegramHtmlChecker.AssertValid(part, TelegramHtmlRenderer.MessageLimit);
        }
        var photo = Renderer.RenderPhoto(reply.Report);
        TelegramHtmlChecker.AssertValid(photo.Caption, TelegramHtmlRenderer.CaptionLimit);
        var text = string.Concat(parts.Select(TelegramHtml.ToPlainText));
        foreach (var venue in new[] { "Binance", "Bybit", "OKX", "Gate" })
        {
            Assert.Contains(venue, text, StringComparison.Ordinal);
        }
        var t = new Texts(Localizer, language);
        Assert.Contains(t["liq.byVenue"], text, StringComparison.Ordinal);
        Assert.Contains(t["liq.venueMerged"], text, StringComparison.Ordinal);
        Assert.Contains(t.Get("liq.coverage.snapshot", ("venue", "Binance")), text, StringComparison.Ordinal);
        Assert.Contains(t.Get("liq.coverage.polled", ("venue", "Gate")), text, StringComparison.Ordinal);

        // The per-venue 24 h totals add up to the merged 24 h total, and the largest event names its venue.
        var data = Assert.IsType<LiquidationsData>(reply.Data);
        var day = data.Windows.Single(w => w.Hours == 24);
        Assert.Equal(day.LongUsd + day.ShortUsd, data.Venues!.Sum(v => v.Usd24h));
        Assert.Equal(4, data.Venues!.Count);
        Assert.Equal("bybit", data.Largest[0].Venue);
        Assert.Equal(1250m, data.Largest[0].NotionalUsd);
        Assert.Equal("snapshot", data.Venues!.Single(v => v.Venue == "binance").Coverage);
        Assert.Equal("every", data.Venues!.Single(v => v.Venue == "okx").Coverage);
    }
}
