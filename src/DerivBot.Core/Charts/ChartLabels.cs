namespace DerivBot.Core.Charts;

/// <summary>
/// Keys of <see cref="ChartText.Labels"/> that the chart renderer looks up. Values arrive already localized.
/// A missing key is drawn as the key itself, so a forgotten translation is visible rather than silently blank.
/// Quadrant legend entries use the <see cref="Signals.QuadrantState"/> id (<c>nameof(QuadrantState.LongCrowding)</c> …).
/// </summary>
public static class ChartLabels
{
    /// <summary>Mark price marker, e.g. "Mark" / "標記價格".</summary>
    public const string Mark = "mark";

    /// <summary>Cluster of long positions' liquidation levels, e.g. "Longs liq." / "多單清算".</summary>
    public const string LongCluster = "long";

    /// <summary>Cluster of short positions' liquidation levels, e.g. "Shorts liq." / "空單清算".</summary>
    public const string ShortCluster = "short";

    /// <summary>Colour-bar caption, e.g. "Est. liquidation notional (USD)".</summary>
    public const string ColorBar = "colorbar";

    /// <summary>Price series name (history chart legend and axis).</summary>
    public const string Price = "price";

    /// <summary>Open-interest series name, e.g. "Open interest (USD)" / "未平倉量".</summary>
    public const string OpenInterest = "oi";

    /// <summary>Funding series name, e.g. "Funding rate" / "資金費率".</summary>
    public const string Funding = "funding";

    /// <summary>Shown in place of a chart that has nothing to draw, e.g. "No data" / "無資料".</summary>
    public const string NoData = "noData";

    /// <summary>Optional: the word for 10⁴ (萬 / 万). With <see cref="HundredMillion"/>, USD amounts use Chinese units.</summary>
    public const string TenThousand = "unit.1e4";

    /// <summary>Optional: the word for 10⁸ (億 / 亿).</summary>
    public const string HundredMillion = "unit.1e8";

    /// <summary>Venue chart: the OI-share panel, e.g. "OI share" / "未平倉佔比".</summary>
    public const string VenueShare = "venueShare";

    /// <summary>Venue chart: the funding panel, e.g. "Funding (8h-eq.)" / "資金費率（8 小時等值）".</summary>
    public const string VenueFunding = "venueFunding";

    /// <summary>Venue chart: the OI-weighted funding reference line, e.g. "OI-weighted".</summary>
    public const string Weighted = "weighted";

    /// <summary>Heatmap: the tag on a swept cluster, before its ratio, e.g. "swept · realised" / "已掃 · 實際".</summary>
    public const string Swept = "swept";
}
