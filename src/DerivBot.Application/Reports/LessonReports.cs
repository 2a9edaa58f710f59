using DerivBot.Application.Localization;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>The <c>/learn</c> lessons. Wording is in the resource files (lesson.{topic}.title/body/takeaway).</summary>
public static class LessonReports
{
    /// <summary>Topic ids in teaching order; they are also the Discord choices.</summary>
    public static readonly IReadOnlyList<string> Topics = ["funding", "oi", "quadrant", "liquidations", "longshort", "direction", "options"];

    // What people type for each topic, in all three languages.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["funding"] = "funding", ["fr"] = "funding", ["f"] = "funding", ["資金費率"] = "funding", ["资金费率"] = "funding", ["費率"] = "funding", ["费率"] = "funding",
        ["oi"] = "oi", ["openinterest"] = "oi", ["open interest"] = "oi", ["未平倉量"] = "oi", ["未平仓量"] = "oi", ["持倉量"] = "oi", ["持仓量"] = "oi",
        ["quadrant"] = "quadrant", ["quadrants"] = "quadrant", ["q"] = "quadrant", ["四象限"] = "quadrant",
        ["liquidations"] = "liquidations", ["liquidation"] = "liquidations", ["liq"] = "liquidations", ["liqs"] = "liquidations", ["爆倉"] = "liquidations", ["爆仓"] = "liquidations", ["清算"] = "liquidations",
        ["longshort"] = "longshort", ["ls"] = "longshort", ["long/short"] = "longshort", ["long short"] = "longshort", ["多空比"] = "longshort",
        ["direction"] = "direction", ["why"] = "direction", ["方向"] = "direction",
        ["options"] = "options", ["option"] = "options", ["pcr"] = "options", ["put/call"] = "options", ["putcall"] = "options", ["期權"] = "options", ["期权"] = "options", ["賣權買權比"] = "options", ["看跌看涨比"] = "options",
    };

    /// <summary>The topic id for what the user typed, or null.</summary>
    public static string? FindTopic(string? input)
    {
        var key = input?.Trim().TrimStart('/') ?? string.Empty;
        return Aliases.TryGetValue(key, out var topic) ? topic : null;
    }

    public static Report Index(Texts t)
    {
        var items = Topics
            .Select(topic => (IReadOnlyList<TextRun>)[new TextRun("/learn " + topic, TextStyle.Code), new TextRun(" — " + t["learn.topic." + topic])])
            .ToList();
        var actions = new List<ReportAction>();
        foreach (var topic in Topics)
        {
            ReportParts.Add(actions, t["learn.topic." + topic], "learn " + topic);
        }
        return new Report(ReportKind.Lesson, t["learn.index.title"], [ParagraphBlock.Of(t["learn.index.intro"]), new ListBlock(items)], Actions: actions);
    }

    public static Report Lesson(string topic, Texts t)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var index = Topics.ToList().IndexOf(topic);
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(topic), topic, "Unknown lesson topic.");
        }
        var blocks = new List<ReportBlock>(ReportParts.Prose(t["lesson." + topic + ".body"]))
        {
            new HeadingBlock(t["learn.takeaway"]),
            ParagraphBlock.Of(new TextRun(t["lesson." + topic + ".takeaway"], TextStyle.Bold)),
        };
        var actions = new List<ReportAction>();
        var next = Topics[(index + 1) % Topics.Count];
        ReportParts.Add(actions, t.Get("action.learn", ("topic", t["learn.topic." + next])), "learn " + next);
        ReportParts.Add(actions, t["learn.index.title"], "learn");
        return new Report(ReportKind.Lesson, t["lesson." + topic + ".title"], blocks, Actions: actions);
    }
}
