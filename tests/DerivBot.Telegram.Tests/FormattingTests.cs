using DerivBot.Core.Reports;
using DerivBot.Telegram.Formatting;

namespace DerivBot.Telegram.Tests;

public sealed class FormattingTests
{
    private static readonly TelegramHtmlRenderer Renderer = new();

    public static TheoryData<string> Hostile => new()
    {
        "<b>", "&amp", "</i><script>", "a < b && c > d", "\"quoted\" 'single'", "1000PEPEUSDT", "TEL2_B", "*_[]()~`>#+-=|{}.!",
        "\u202Eevil RTL\u202C \u200F", "zero\u200Bwidth\u200D\uFEFF", "🚀📉🇹🇼👨‍👩‍👧", "&#x1F680; &lt;", "<blockquote>", "&",
    };

    public static Report Sample(string title, string hostile, string note) => new(
        ReportKind.Quadrant,
        title + " " + hostile,
        [
            new HeadingBlock("Heading " + hostile),
            new ParagraphBlock([[new TextRun("plain " + hostile), new TextRun(hostile, TextStyle.Bold)], [new TextRun(hostile, TextStyle.Code), new TextRun(hostile, TextStyle.Italic)]]),
            new FieldsBlock([new ReportField("Funding " + hostile, "0.0100 %"), new ReportField("OI", hostile)]),
            new ListBlock([[new TextRun("item " + hostile)], [new TextRun("two")]]),
            new NoteBlock(note + " " + hostile),
        ],
        Footer: "Binance · " + hostile,
        Actions: [new ReportAction("Refresh", "quadrant BTCUSDT")],
        Tone: ReportTone.Warning);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void RenderMessages_HostileInputInAllLanguages_ValidTelegramHtml(string hostile)
    {
        foreach (var (title, note) in new[] { ("BTCUSDT · Quadrant", "Crowded longs pay funding."), ("BTCUSDT · 四象限", "多頭擁擠，支付資金費。"), ("BTCUSDT · 四象限", "多头拥挤，支付资金费。") })
        {
            foreach (var part in Renderer.RenderMessages(Sample(title, hostile, note)))
            {
                TelegramHtmlChecker.AssertValid(part, TelegramHtmlRenderer.MessageLimit);
            }
            var photo = Renderer.RenderPhoto(Sample(title, hostile, note));
            TelegramHtmlChecker.AssertValid(photo.Caption, TelegramHtmlRenderer.CaptionLimit);
        }
    }

    [Fact]
    public void Render_EscapesEveryDynamicString_TextSurvivesRoundTrip()
    {
        var html = Renderer.Render(Sample("T", "<b>&amp \"x\"", "n"));
        Assert.Contains("&lt;b&gt;&amp;amp &quot;x&quot;", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<b>&lt;b&gt;&amp;amp &quot;x&quot;</b>", html, StringComparison.Ordinal);
        Assert.Contains("Heading <b>&amp \"x\"", TelegramHtml.ToPlainText(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(20_000)]
    public void RenderMessages_HugeArgumentEcho_SplitsIntoValidPartsLosingNothing(int size)
    {
        var huge = string.Concat(Enumerable.Repeat("<&>😀\u200B", size / 6));
        var report = new Report(ReportKind.Error, "Unknown symbol", [
            ParagraphBlock.Of(new TextRun(huge, TextStyle.Code)),
            new NoteBlock(string.Join("\n", Enumerable.Range(0, 400).Select(i => $"line {i} <x> & more text to make it long"))),
        ]);
        var parts = Renderer.RenderMessages(report);
        Assert.True(parts.Count > 1);
        foreach (var part in parts)
        {
            TelegramHtmlChecker.AssertValid(part, TelegramHtmlRenderer.MessageLimit);
        }
        var whole = TelegramHtml.ToPlainText(Renderer.Render(report)).Replace("\n", "", StringComparison.Ordinal);
        var joined = string.Concat(parts.Select(TelegramHtml.ToPlainText)).Replace("\n", "", StringComparison.Ordinal);
        Assert.Equal(whole, joined);
    }

    [Fact]
    public void Split_PrefersLineBoundaries_AndReopensOpenTags()
    {
        var html = "<blockquote>" + string.Join("\n", Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 9))) + "</blockquote>";
        var parts = TelegramHtml.Split(html, 25);
        Assert.All(parts, p => TelegramHtmlChecker.AssertValid(p, 25));
        Assert.All(parts, p => Assert.StartsWith("<blockquote>", p, StringComparison.Ordinal));
        Assert.Equal("<blockquote>aaaaaaaaa\nbbbbbbbbb</blockquote>", parts[0]);
    }

    [Fact]
    public void RenderPhoto_LongReport_ShortCaptionAndFullTextFollows()
    {
        var report = new Report(ReportKind.Liquidations, "ETHUSDT · 爆倉", [new NoteBlock(new string('x', 3000))]);
        var layout = Renderer.RenderPhoto(report);
        TelegramHtmlChecker.AssertValid(layout.Caption, TelegramHtmlRenderer.CaptionLimit);
        Assert.Equal("<b>ETHUSDT · 爆倉</b>", layout.Caption);
        Assert.Single(layout.FollowUps);
        Assert.Contains(new string('x', 3000), layout.FollowUps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Keyboard_CommandOver64Bytes_LeftOut()
    {
        var report = new Report(ReportKind.Funding, "t", [], Actions: [new ReportAction("ok", "funding BTCUSDT"), new ReportAction("too long", "funding " + new string('多', 20))]);
        var keyboard = Renderer.Keyboard(report)!;
        var button = Assert.Single(keyboard.InlineKeyboard.SelectMany(r => r));
        Assert.Equal("funding BTCUSDT", button.CallbackData);
    }

    [Fact]
    public void VisibleLength_CountsEntitiesAsOneAndEmojiAsUtf16()
    {
        Assert.Equal(5, TelegramHtml.VisibleLength("<b>&lt;a&gt;</b>😀"));
    }
}
