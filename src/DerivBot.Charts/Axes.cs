using System.Globalization;

namespace DerivBot.Charts;

/// <summary>Tick placement and label formatting shared by both charts. Pure: no cairo, no clock.</summary>
internal static class Axes
{
    /// <summary>
    /// Round steps (1, 2, 2.5, 5 × 10ⁿ) covering [<paramref name="min"/>, <paramref name="max"/>] with about
    /// <paramref name="target"/> ticks. Returns the step and the ticks inside the range.
    /// </summary>
    public static (double Step, IReadOnlyList<double> Ticks) NiceTicks(double min, double max, int target)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max <= min || target < 1)
        {
            return (0, double.IsFinite(min) ? [min] : []);
        }
        var raw = (max - min) / target;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var residual = raw / magnitude;
        // Nearest nice step (not the next one up), so the tick count stays close to the target.
        var nice = residual switch
        {
            < 1.5 => 1.0,
            < 2.25 => 2.0,
            < 3.5 => 2.5,
            < 7.5 => 5.0,
            _ => 10.0,
        };
        var step = nice * magnitude;
        var ticks = new List<double>();
        var first = Math.Ceiling((min / step) - 1e-9) * step;
        for (var v = first; v <= max + (step * 1e-9); v += step)
        {
            // Snap to the step grid so 0.30000000000000004 prints as 0.3 and zero is exactly zero.
            ticks.Add(Math.Round(v / step) * step);
        }
        return (step, ticks);
    }

    /// <summary>Decimals needed so that labels <paramref name="step"/> apart are all distinct.</summary>
    public static int DecimalsFor(double step)
    {
        if (!(step > 0))
        {
            return 2;
        }
        var decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(step) + 1e-9));
        var scaled = step * Math.Pow(10, decimals);
        if (Math.Abs(scaled - Math.Round(scaled)) > 1e-6)
        {
            decimals++;
        }
        return Math.Min(decimals, 10);
    }

    /// <summary>A price with thousands separators, e.g. 62,500 or 0.08125 (invariant: the same in every language).</summary>
    public static string Price(double value, int decimals) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Decimals that show a price sensibly on its own (a label, not a tick).</summary>
    public static int PriceDecimals(double price)
    {
        var a = Math.Abs(price);
        return a switch
        {
            >= 1000 => 1,
            >= 100 => 2,
            >= 1 => 3,
            >= 0.01 => 5,
            _ => 8,
        };
    }

    /// <summary>
    /// Compact USD: $950, $12.3K, $4.56M, $1.2B — or with the chat's own units when the caller supplies
    /// ChartLabels.TenThousand/HundredMillion (Chinese: 1.2億, 3,456萬).
    /// </summary>
    public static string Usd(double value, ChartUnits units)
    {
        var sign = value < 0 ? "-" : "";
        var a = Math.Abs(value);
        string body;
        if (units.TenThousand is { } wan && units.HundredMillion is { } yi)
        {
            body = a switch
            {
                >= 1e8 => Trim(a / 1e8) + yi,
                >= 1e4 => Trim(a / 1e4) + wan,
                _ => a.ToString("N0", CultureInfo.InvariantCulture),
            };
        }
        else
        {
            body = a switch
            {
                >= 1e9 => Trim(a / 1e9) + "B",
                >= 1e6 => Trim(a / 1e6) + "M",
                >= 1e3 => Trim(a / 1e3) + "K",
                _ => a.ToString("N0", CultureInfo.InvariantCulture),
            };
        }
        return sign + "$" + body;

        static string Trim(double v) => v.ToString(v >= 100 ? "N0" : v >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Funding as a percentage of the interval: 0.0001 → 0.0100%.</summary>
    public static string Percent(double fraction, int decimals) =>
        (fraction * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    private static readonly TimeSpan[] TimeSteps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3),
        TimeSpan.FromHours(4), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1),
        TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30),
    ];

    /// <summary>
    /// Time ticks on round wall-clock values of <paramref name="zone"/> (e.g. every 4 h at 00:00, 04:00 … local), so a
    /// Taipei chat sees Taipei hours. Labels: "HH:mm", with "MM-dd" where the day changes; daily steps show "MM-dd".
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset Time, string Label)> TimeTicks(
        DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, int target)
    {
        var result = new List<(DateTimeOffset, string)>();
        if (end <= start || target < 1)
        {
            return result;
        }
        var raw = (end - start) / target;
        var step = TimeSteps.FirstOrDefault(s => s >= raw);
        if (step == default)
        {
            step = TimeSteps[^1];
        }
        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        DateTime wall;
        if (step >= TimeSpan.FromDays(1))
        {
            wall = local.Date;
        }
        else
        {
            var sinceMidnight = local - local.Date;
            wall = local.Date + TimeSpan.FromTicks(sinceMidnight.Ticks / step.Ticks * step.Ticks);
        }
        var daily = step >= TimeSpan.FromDays(1);
        DateTime? lastDay = null;
        for (var guard = 0; guard < 500; guard++, wall = wall.Add(step))
        {
            if (zone.IsInvalidTime(wall))
            {
                continue;
            }
            var instant = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (instant > end)
            {
                break;
            }
            if (instant < start)
            {
                continue;
            }
            string label;
            if (daily)
            {
                label = wall.ToString("MM-dd", CultureInfo.InvariantCulture);
            }
            else if (lastDay != wall.Date)
            {
                label = wall.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
            }
            else
            {
                label = wall.ToString("HH:mm", CultureInfo.InvariantCulture);
            }
            lastDay = wall.Date;
            result.Add((instant, label));
        }
        return result;
    }

    /// <summary>"2025-10-09 08:00 – 2025-10-10 08:00 UTC+8" in <paramref name="zone"/>.</summary>
    public static string TimeRange(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var a = TimeZoneInfo.ConvertTime(start, zone);
        var b = TimeZoneInfo.ConvertTime(end, zone);
        return a.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " – "
            + b.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Offset(b.Offset);
    }

    /// <summary>UTC, UTC+8, UTC-3:30.</summary>
    public static string Offset(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var a = offset.Duration();
        return "UTC" + sign + a.Hours.ToString(CultureInfo.InvariantCulture)
            + (a.Minutes != 0 ? ":" + a.Minutes.ToString("00", CultureInfo.InvariantCulture) : "");
    }
}
