using DerivBot.Application.OptionChains;
using DerivBot.Core.Charts;
using DerivBot.Core.OptionChains;

namespace DerivBot.Application.Reports;

public static partial class OptionsReport
{
    /// <summary>Open interest by strike of the nearest monthly expiry (all expiries when there is none).</summary>
    internal static OptionsStrikeChartSpec ChartSpec(OptionsView view, ReportContext ctx)
    {
        var t = ctx.T;
        var s = view.Signal;
        var expiry = s.NearestMonthly?.Expiry;
        var options = view.Chain.Options.Where(o => o.Expiry > view.Now && (expiry is null || o.Expiry == expiry)).ToList();
        var strikes = options.GroupBy(o => o.Strike).OrderBy(g => g.Key)
            .Select(g => new StrikeOpenInterest(g.Key, g.Where(o => o.Right == OptionRight.Call).Sum(o => o.OpenInterest), g.Where(o => o.Right == OptionRight.Put).Sum(o => o.OpenInterest)))
            .ToList();
        var labels = new Dictionary<string, string>(ChartReports.Labels(ctx), StringComparer.Ordinal)
        {
            [OptionsChartLabels.Calls] = t["options.chart.calls"],
            [OptionsChartLabels.Puts] = t["options.chart.puts"],
            [OptionsChartLabels.Underlying] = t["options.chart.underlying"],
            [OptionsChartLabels.MaxPain] = t["options.chart.maxPain"],
            [OptionsChartLabels.Strike] = t["options.chart.strike"],
            [OptionsChartLabels.OpenInterest] = t.Get("options.chart.oi", ("asset", view.Chain.Asset)),
        };
        var text = new ChartText(
            t.Get("options.chart.title", ("asset", view.Chain.Asset)),
            t.Get("options.chart.subtitle", ("venue", ReportParts.VenueName(view.Chain.Venue)),
                ("expiry", expiry is { } e ? Date(e) : t["options.allExpiries"]), ("time", ctx.Time(view.Chain.Time))),
            labels,
            ctx.Language);
        var underlying = expiry is not null ? s.NearestMonthly!.UnderlyingPrice ?? s.UnderlyingPrice : s.UnderlyingPrice;
        var maxPain = expiry is not null ? s.MaxPain : OptionsSignals.MaxPain(options);
        return new OptionsStrikeChartSpec(text, strikes, underlying, maxPain);
    }
}
