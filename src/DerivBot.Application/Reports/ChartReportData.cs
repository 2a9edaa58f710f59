namespace DerivBot.Application.Reports;

/// <summary>A liquidation window in <see cref="LiquidationsData"/>.</summary>
public sealed record LiquidationWindowData(int Hours, decimal LongUsd, decimal ShortUsd, int LongCount, int ShortCount);

/// <summary>A single liquidation in <see cref="LiquidationsData"/>.</summary>
/// <param name="Venue">Venue id of the event (<c>binance</c>, <c>bybit</c>, <c>okx</c>, <c>gate</c>).</param>
public sealed record LiquidationEventData(DateTimeOffset Time, string Side, decimal Price, decimal NotionalUsd, string? Venue = null);

/// <summary>One venue's liquidation totals in <see cref="LiquidationsData"/>, USD over 1 h / 4 h / 24 h, and how
/// completely that venue reports (<c>snapshot</c>: Binance's one event per symbol per second; <c>every</c>: Bybit, OKX;
/// <c>polled</c>: Gate).</summary>
public sealed record LiquidationVenueData(string Venue, decimal Usd1h, decimal Usd4h, decimal Usd24h, int Count24h, string Coverage);

/// <summary>An estimated cluster in <see cref="LiquidationsData"/>.</summary>
/// <param name="Distance">(price − mark) / mark: negative below the mark.</param>
public sealed record ClusterData(string Side, decimal Price, decimal NotionalUsd, decimal Distance);

/// <summary>What <c>/liq</c> returns as JSON. USD amounts are lower bounds when <paramref name="TotalsAreLowerBound"/>.</summary>
public sealed record LiquidationsData(
    string Symbol,
    string Venue,
    IReadOnlyList<LiquidationWindowData> Windows,
    IReadOnlyList<LiquidationEventData> Largest,
    bool Cascade,
    bool TotalsAreLowerBound,
    ClusterData? ClusterAbove,
    ClusterData? ClusterBelow,
    string Reason,
    DateTimeOffset DataTime,
    bool Stale,
    IReadOnlyList<LiquidationVenueData>? Venues = null);

/// <summary>What <c>/chart</c> returns as JSON: the text summary behind the image.</summary>
public sealed record ChartData(
    string Symbol,
    string Venue,
    string Window,
    decimal? PriceChange,
    decimal? OiChange,
    decimal? AverageFundingRate,
    IReadOnlyDictionary<string, double> QuadrantShare,
    bool ImageAttached,
    DateTimeOffset DataTime,
    bool Stale);
