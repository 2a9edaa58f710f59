using System.Globalization;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Localization;

/// <summary>
/// Number formatting for reports, identical on every machine (invariant culture; the chat's language only picks the
/// unit system). Rates and changes are fractions in, percent out. Signs are explicit (+/-) wherever a value is a
/// change or can be negative; a value that rounds to zero is shown unsigned.
/// </summary>
public static class NumberFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A fraction as percent: 0.0001 → "0.0100%" (signed: "+0.0100%").</summary>
    public static string Percent(decimal fraction, int decimals, bool signed)
    {
        var value = Math.Round(fraction * 100m, decimals, MidpointRounding.AwayFromZero);
        return Signed(value, value.ToString("N" + decimals.ToString(Inv), Inv), signed) + "%";
    }

    /// <summary>A funding rate per interval: 4 decimals in percent, always signed ("+0.0100%", "-0.0375%").</summary>
    public static string FundingRate(decimal fraction) => Percent(fraction, 4, signed: true);

    /// <summary>An annualized rate: 2 decimals in percent, signed ("+10.95%").</summary>
    public static string AnnualRate(decimal fraction) => Percent(fraction, 2, signed: true);

    /// <summary>A relative change: 2 decimals in percent, signed ("+1.23%", "-0.40%").</summary>
    public static string Change(decimal fraction) => Percent(fraction, 2, signed: true);

    /// <summary>A share such as 0.62 long: "62.0%".</summary>
    public static string Share(decimal fraction) => Percent(fraction, 1, signed: false);

    /// <summary>A ratio such as long/short or OI/volume: "1.85", "0.45×" with <paramref name="times"/>.</summary>
    public static string Ratio(decimal ratio, bool times = false) =>
        Math.Round(ratio, 2, MidpointRounding.AwayFromZero).ToString("N2", Inv) + (times ? "×" : string.Empty);

    /// <summary>
    /// A price with precision by magnitude: ≥ 100 → 2 decimals with grouping ("67,250.50"), ≥ 1 → 4 decimals
    /// ("1.2345"), below 1 → 4 significant digits ("0.5123", "0.01050", "0.00001234").
    /// </summary>
    public static string Price(decimal price)
    {
        var abs = Math.Abs(price);
        if (abs == 0m)
        {
            return "0";
        }
        int decimals;
        if (abs >= 100m)
        {
            decimals = 2;
        }
        else if (abs >= 1m)
        {
            decimals = 4;
        }
        else
        {
            // Digits after the point so that 4 significant digits show (0.0105 → 5 decimals).
            decimals = 4;
            for (var p = abs; p < 0.1m && decimals < 12; p *= 10m)
            {
                decimals++;
            }
        }
        return Math.Round(price, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(Inv), Inv);
    }

    /// <summary>A USD amount in the chat's unit system: "$1.23B", "$45.60M" (en); "$1.23億", "$4,560萬" (zh-TW); "$1.23亿", "$4,560万" (zh-CN).</summary>
    public static string Usd(decimal amount, Language language, bool signed = false)
    {
        var body = Compact(Math.Abs(amount), language);
        return SignFor(amount, body, signed) + "$" + body;
    }

    /// <summary>A large quantity without currency, e.g. OI in contracts: "98.50K" (en), "9.85萬" (zh-TW), "9.85万" (zh-CN).</summary>
    public static string Amount(decimal amount, Language language, bool signed = false)
    {
        var body = Compact(Math.Abs(amount), language);
        return SignFor(amount, body, signed) + body;
    }

    /// <summary>
    /// Western short scale (K/M/B/T, steps of 10³) for English; the Chinese myriad system (萬/億 or 万/亿, steps of 10⁴)
    /// for Chinese. 2 decimals below 100 units, 1 below 1,000, none above; a value that rounds up to the next step
    /// moves to the next unit (999,999 → "1.00M", not "1,000.0K").
    /// </summary>
    internal static string Compact(decimal abs, Language language)
    {
        var (step, units) = language switch
        {
            Language.ZhTw => (10_000m, new[] { string.Empty, "萬", "億" }),
            Language.ZhCn => (10_000m, new[] { string.Empty, "万", "亿" }),
            _ => (1_000m, new[] { string.Empty, "K", "M", "B", "T" }),
        };
        var small = Math.Round(abs, abs < 100m ? 2 : 0, MidpointRounding.AwayFromZero);
        if (small < step)
        {
            return small.ToString(abs < 100m ? "#,##0.##" : "#,##0", Inv);
        }
        var scaled = abs / step;
        var unit = 1;
        while (unit < units.Length - 1 && RoundCompact(scaled) >= step)
        {
            scaled /= step;
            unit++;
        }
        return RoundCompact(scaled).ToString("N" + CompactDecimals(scaled).ToString(Inv), Inv) + units[unit];
    }

    private static int CompactDecimals(decimal scaled)
    {
        var r = Math.Round(scaled, 2, MidpointRounding.AwayFromZero);
        return r < 100m ? 2 : r < 1000m ? 1 : 0;
    }

    private static decimal RoundCompact(decimal scaled) => Math.Round(scaled, CompactDecimals(scaled), MidpointRounding.AwayFromZero);

    /// <summary>"-" for a negative amount, "+" for a positive one when signed; nothing when the shown value is zero.</summary>
    private static string SignFor(decimal amount, string body, bool signed) =>
        body == "0" || amount == 0m ? string.Empty : amount < 0m ? "-" : signed ? "+" : string.Empty;

    private static string Signed(decimal rounded, string text, bool signed)
    {
        // The text of a negative value already carries "-"; "-0.00" cannot occur because the value is rounded first.
        return rounded > 0m && signed ? "+" + text : rounded == 0m ? text.TrimStart('-') : text;
    }
}
