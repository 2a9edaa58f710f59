using System.Text;
using System.Text.Json;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;
using DerivBot.Discord.Rendering;

namespace DerivBot.Discord.Tests.Rendering;

public sealed class DiscordEmbedRendererTests
{
    private readonly DiscordEmbedRenderer _renderer = new();

    private static string Words(Language language, int count, int seed)
    {
        // Realistic text per language; CJK has no spaces, so splitting must cope without them.
        var pieces = language switch
        {
            Language.ZhTw => new[] { "資金費率偏高，多頭擁擠。", "未平倉量增加，價格下跌。", "清算集中在 65,000 附近。" },
            Language.ZhCn => new[] { "资金费率偏高，多头拥挤。", "未平仓量增加，价格下跌。", "清算集中在 65,000 附近。" },
            _ => new[] { "Funding is elevated and longs are crowded. ", "Open interest rises while price falls. ", "Liquidations cluster near 65,000 (BTC_USDT). " },
        };
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append(pieces[(i + seed) % pieces.Length]);
            if (i % 7 == 6)
            {
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    private static Report BigReport(Language language)
    {
        var blocks = new List<ReportBlock>
        {
            new HeadingBlock(Words(language, 30, 0)),
            new ParagraphBlock([[Words(language, 400, 1)], [new TextRun(Words(language, 60, 2), TextStyle.Bold)]]),
            new ListBlock(Enumerable.Range(0, 80).Select(i => (IReadOnlyList<TextRun>)[new TextRun($"#{i} " + Words(language, 5, i))]).ToList()),
            new FieldsBlock(Enumerable.Range(0, 60).Select(i => new ReportField($"{i} " + Words(language, 40, i), Words(language, i % 3 == 0 ? 120 : 3, i), i % 2 == 0)).ToList()),
            new HeadingBlock("Notes " + Words(language, 2, 0)),
            new NoteBlock(Words(language, 300, 3)),
            new ParagraphBlock([[Words(language, 5, 1)]]),
        };
        return new Report(ReportKind.Dashboard, Words(language, 50, 0), blocks, Words(language, 400, 2),
            Enumerable.Range(0, 40).Select(i => new ReportAction($"Btn {i}", $"funding SYM{i}")).ToList(), ReportTone.Warning);
    }

    public static TheoryData<Language> Languages => new() { Language.En, Language.ZhTw, Language.ZhCn };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Render_HugeReport_NeverExceedsAnyEmbedLimit(Language language)
    {
        var messages = _renderer.Render(BigReport(language), new ChartImage("chart.png", [1], "alt"));

        Assert.True(messages.Count > 1, "a report this size must be split");
        foreach (var message in messages)
        {
            using var doc = JsonDocument.Parse(message.Payload.ToJsonString());
            var embeds = doc.RootElement.GetProperty("embeds");
            Assert.InRange(embeds.GetArrayLength(), 1, 10);
            var total = 0;
            foreach (var embed in embeds.EnumerateArray())
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
            Assert.Equal(total, message.Embed.Length);
        }
        // Buttons: on the last message only, ≤ 5 rows of ≤ 5.
        Assert.All(messages.SkipLast(1), m => Assert.False(m.Payload.ContainsKey("components")));
        var rows = messages[^1].Payload["components"]!.AsArray();
        Assert.InRange(rows.Count, 1, DiscordEmbedRenderer.MaxRows);
        Assert.All(rows, r => Assert.InRange(r!["components"]!.AsArray().Count, 1, DiscordEmbedRenderer.ButtonsPerRow));
        // The chart: on the first message only.
        Assert.Single(messages[0].Files);
        Assert.All(messages.Skip(1), m => Assert.Empty(m.Files));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Render_HugeReport_LosesNoFieldAndKeepsOrder(Language language)
    {
        var report = BigReport(language);
        var embeds = _renderer.RenderEmbeds(report);

        var names = embeds.SelectMany(e => e.Fields).Select(f => f.Name).Where(n => n != DiscordEmbedRenderer.Blank).ToList();
        var fields = ((FieldsBlock)report.Blocks[3]).Fields;
        // Every labelled field is there in order (labels over 256 characters are clipped with an ellipsis).
        var expected = fields.Select(f => DiscordMarkdown.Escape(f.Label.Trim())).Select(l => l.Length <= 256 ? l : l[..254]).ToList();
        Assert.Equal(fields.Count + 1, names.Count); // + the "Notes" heading after the fields
        for (var i = 0; i < fields.Count; i++)
        {
            Assert.StartsWith(expected[i].TrimEnd(), names[i], StringComparison.Ordinal);
        }
        // All description text arrives: the joined descriptions hold every list item.
        var descriptions = string.Join("\n", embeds.Select(e => e.Description));
        for (var i = 0; i < 80; i++)
        {
            Assert.Contains($"• #{i} ", descriptions, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_SmallReport_OneEmbedWithFieldsToneColourAndFooter()
    {
        var embed = Assert.Single(_renderer.RenderEmbeds(Some.Report(tone: ReportTone.Bearish)));

        Assert.Equal("BTCUSDT · Funding", embed.Title);
        Assert.Equal("Funding is **+0.0100%** per 8h.", embed.Description);
        Assert.Equal(["Mark", "Next"], embed.Fields.Select(f => f.Name).ToArray());
        Assert.Equal("binance · 2025-10-10 00:00 UTC", embed.Footer);
        Assert.Equal(0xE74C3C, embed.Color);
    }

    [Theory]
    [InlineData("BTC_USDT", "BTC\\_USDT")]
    [InlineData("1000PEPEUSDT", "1000PEPEUSDT")]
    [InlineData("a*b*c", "a\\*b\\*c")]
    [InlineData("<b> & ~~x~~ | `y`", "<b> & \\~\\~x\\~\\~ \\| \\`y\\`")]
    [InlineData("# not a heading\n- not a list\n> no quote", "\\# not a heading\n\\- not a list\n\\> no quote")]
    [InlineData("-0.01% funding", "-0.01% funding")]
    [InlineData("- 0.01% funding", "\\- 0.01% funding")]
    [InlineData("-# small", "\\-# small")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("rate -0.01%", "rate -0.01%")]
    public void Escape_MarkdownCharacters_AreShownLiterally(string text, string expected) =>
        Assert.Equal(expected, DiscordMarkdown.Escape(text));

    [Fact]
    public void Render_TextAfterFields_StaysAfterThemAsFullWidthField()
    {
        var report = new Report(ReportKind.Info, "T",
        [
            ParagraphBlock.Of("before"),
            new FieldsBlock([new ReportField("A", "1")]),
            new HeadingBlock("Why"),
            new NoteBlock("because"),
        ]);

        var embed = Assert.Single(_renderer.RenderEmbeds(report));

        Assert.Equal("before", embed.Description);
        Assert.Equal(2, embed.Fields.Count);
        Assert.Equal(new DiscordEmbedField("Why", "*because*", false), embed.Fields[1]);
    }

    [Fact]
    public void Render_EmptyValuesAndWhitespace_AreTrimmedAndNeverEmpty()
    {
        var report = new Report(ReportKind.Info, "  padded title  ", [new FieldsBlock([new ReportField("  ", "   ")])], "  ");

        var embed = Assert.Single(_renderer.RenderEmbeds(report));

        Assert.Equal("padded title", embed.Title);
        Assert.Null(embed.Footer);
        var field = Assert.Single(embed.Fields);
        Assert.Equal(DiscordEmbedRenderer.Blank, field.Name);
        Assert.Equal(DiscordEmbedRenderer.Blank, field.Value);
    }

    [Fact]
    public void Split_SurrogatePairs_AreNeverCut()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 3000));

        var chunks = DiscordEmbedRenderer.Split(text, 1023);

        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 1023));
        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c[^1])));
        Assert.Equal(text, string.Concat(chunks));
    }

    private static int Checked(JsonElement element, string property, int limit)
    {
        var text = element.GetProperty(property).GetString()!;
        Assert.Equal(text.Trim(), text);
        Assert.InRange(text.Length, 1, limit);
        return text.Length;
    }
}
