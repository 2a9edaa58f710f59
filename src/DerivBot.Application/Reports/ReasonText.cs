using DerivBot.Core.Localization;
using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>
/// Turns a signal's <see cref="SignalReason"/> (stable code + named numbers) into a sentence: the template is
/// <c>reason.{code}</c> in the resource files and its placeholders are the reason's value names, each formatted by
/// what its name says it is (rates, changes, USD, hours, counts).
/// </summary>
public static class ReasonText
{
    public static string Format(SignalReason reason, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(ctx);
        var args = reason.Values.Select(kv => new TextArg(kv.Key, Value(kv.Key, kv.Value, ctx))).ToArray();
        return ctx.T.Get("reason." + reason.Code, args);
    }

    internal static string Value(string name, decimal value, ReportContext ctx)
    {
        var inv = CultureInfo.InvariantCulture;
        if (name.Contains("usd", StringComparison.Ordinal))
        {
            return ctx.Usd(value);
        }
        if (name.Contains("per8h", StringComparison.Ordinal) || name.Contains("rate", StringComparison.Ordinal))
        {
            return NumberFormat.FundingRate(value);
        }
        if (name == "annualized")
        {
            return NumberFormat.AnnualRate(value);
        }
        if (name.EndsWith("_fall", StringComparison.Ordinal) || name.EndsWith("_rise", StringComparison.Ordinal))
        {
            // A magnitude after a verb of direction ("OI fell 16.32%"): unsigned, never "fell -16.32%".
            return NumberFormat.Percent(Math.Abs(value), 2, signed: false);
        }
        if (name.Contains("change", StringComparison.Ordinal) && name != "sign_changes")
        {
            return NumberFormat.Change(value);
        }
        if (name is "confidence" or "percentile" or "liquidation_intensity" or "call_share" or "share_threshold")
        {
            return NumberFormat.Percent(value, 0, signed: false);
        }
        if (name.EndsWith("hours", StringComparison.Ordinal) || name.EndsWith("days", StringComparison.Ordinal)
            || name is "sign_changes" or "points" or "settlements" or "persistence" or "bars" or "predicted" or "band")
        {
            return Math.Round(value, 1).ToString("0.#", inv);
        }
        return Math.Round(value, 2).ToString("0.##", inv);
    }
}
