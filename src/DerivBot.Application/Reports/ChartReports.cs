using System.Globalization;
using DerivBot.Core.Charts;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>Builders for the reports that can carry an image: /liq (heatmap) and /chart (history).</summary>
public static partial class ChartReports
{
    /// <summary>How far back the heatmap replays candles through the levels model.</summary>
    public static readonly TimeSpan HeatmapLookback = TimeSpan.FromHours(48);

    /// <summary>The windows <c>/chart</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Windows = ["1d", "3d", "7d", "30d"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Every label the chart renderer looks up (keys as in Core's ChartLabels), already localized.</summary>
    internal static IReadOnlyDictionary<string, string> Labels(ReportContext ctx)
    {
        var t = ctx.T;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mark"] = t["chart.mark"],
            ["long"] = t["chart.long"],
            ["short"] = t["chart.short"],
            ["colorbar"] = t["chart.colorbar"],
            ["price"] = t["chart.price"],
            ["oi"] = t["chart.oi"],
            ["funding"] = t["chart.funding"],
            ["noData"] = t["chart.noData"],
            ["swept"] = t["chart.swept"],
        };
        foreach (var state in Enum.GetValues<QuadrantState>())
        {
            labels[state.ToString()] = t["state." + state];
        }
        if (ctx.Language != Language.En)
        {
            // Chinese charts label USD with 萬/億 (万/亿), like the text.
            labels["unit.1e4"] = ctx.Language == Language.ZhTw ? "萬" : "万";
            labels["unit.1e8"] = ctx.Language == Language.ZhTw ? "億" : "亿";
        }
        return labels;
    }

    private static List<PricePoint> PriceLine(MarketSnapshot snapshot, DateTimeOffset from, DateTimeOffset to) =>
        snapshot.Klines.Where(k => k.OpenTime >= from && k.OpenTime <= to).Select(k => new PricePoint(k.CloseTime, k.Close)).ToList();
}
