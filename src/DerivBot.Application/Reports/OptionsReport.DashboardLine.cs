using DerivBot.Application.Localization;
using DerivBot.Application.OptionChains;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

public static partial class OptionsReport
{
    /// <summary>The one-line options summary on the <c>/signal</c> dashboard.</summary>
    public static string DashboardLine(OptionsView view, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(ctx);
        var s = view.Signal;
        if (s.Status != SignalStatus.Ok)
        {
            return ctx.Na;
        }
        var line = ctx.T.Get("signal.optionsValue",
            ("ratio", Ratio(s.PutCallOiRatio, ctx)), ("reading", ctx.T["options.reading." + s.Reading]),
            ("maxPain", s.MaxPain is { } mp ? NumberFormat.Price(mp) : ctx.Na));
        if (s.Flags.Count > 0)
        {
            line += " · " + string.Join(" · ", s.Flags.Select(f => ctx.T["options.flag." + f.Code]));
        }
        return line;
    }
}
