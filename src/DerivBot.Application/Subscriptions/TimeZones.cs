using System.Globalization;
using System.Text.RegularExpressions;

namespace DerivBot.Application.Subscriptions;

/// <summary>
/// Resolves what users type as a time zone: IANA ids in any case (<c>asia/taipei</c>), a few city names
/// (<c>Taipei</c>, <c>台北</c>, <c>Beijing</c>), and fixed offsets (<c>UTC+8</c>, <c>+08:00</c>, <c>GMT-5</c>), which are
/// stored as <c>UTC+08:00</c>. Stored ids always resolve again through <see cref="TryResolve"/>.
/// </summary>
public static partial class TimeZones
{
    private static readonly Lazy<Dictionary<string, TimeZoneInfo>> System = new(() =>
        TimeZoneInfo.GetSystemTimeZones().ToDictionary(z => z.Id, StringComparer.OrdinalIgnoreCase));

    private static readonly Dictionary<string, string> Cities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["taipei"] = "Asia/Taipei", ["台北"] = "Asia/Taipei", ["臺北"] = "Asia/Taipei", ["taiwan"] = "Asia/Taipei", ["台灣"] = "Asia/Taipei", ["臺灣"] = "Asia/Taipei",
        ["shanghai"] = "Asia/Shanghai", ["beijing"] = "Asia/Shanghai", ["上海"] = "Asia/Shanghai", ["北京"] = "Asia/Shanghai", ["china"] = "Asia/Shanghai",
        ["hong kong"] = "Asia/Hong_Kong", ["hongkong"] = "Asia/Hong_Kong", ["香港"] = "Asia/Hong_Kong",
        ["singapore"] = "Asia/Singapore", ["新加坡"] = "Asia/Singapore", ["tokyo"] = "Asia/Tokyo", ["london"] = "Europe/London",
        ["new york"] = "America/New_York", ["newyork"] = "America/New_York",
    };

    [GeneratedRegex(@"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$")]
    private static partial Regex OffsetRegex();

    public static bool TryResolve(string? input, out TimeZoneInfo zone, out string id)
    {
        zone = TimeZoneInfo.Utc;
        id = "UTC";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }
        var s = input.Trim();
        if (s.Equals("utc", StringComparison.OrdinalIgnoreCase) || s.Equals("gmt", StringComparison.OrdinalIgnoreCase) || s.Equals("z", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (Cities.TryGetValue(s, out var city))
        {
            s = city;
        }
        if (System.Value.TryGetValue(s, out var found))
        {
            zone = found;
            id = found.Id;
            return true;
        }
        var m = OffsetRegex().Match(s.ToLowerInvariant());
        if (!m.Success)
        {
            return false;
        }
        var hours = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var minutes = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        if (hours > 14 || minutes is not (0 or 15 or 30 or 45))
        {
            return false;
        }
        var offset = new TimeSpan(hours, minutes, 0) * (m.Groups[1].Value == "-" ? -1 : 1);
        if (offset == TimeSpan.Zero)
        {
            return true;
        }
        id = "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        zone = TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
        return true;
    }

    /// <summary>The zone for a stored id; UTC when it no longer resolves (e.g. the host lost its tz database).</summary>
    public static TimeZoneInfo Find(string? storedId) => TryResolve(storedId, out var zone, out _) ? zone : TimeZoneInfo.Utc;
}
