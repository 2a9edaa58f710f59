using System.Globalization;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Alerts;

/// <summary>What an evaluation saw: whether the condition holds, and the observed value as display text.</summary>
/// <param name="Available">False when the data needed is missing (too little history, no classifier): the rule neither fires nor re-arms.</param>
public sealed record AlertObservation(bool Available, bool Holds, string ValueText)
{
    public static AlertObservation Unavailable { get; } = new(false, false, "–");

    /// <summary>For liq5m: the venues whose liquidations make up the total (USD each, largest first; they sum to the
    /// total). Empty for every other metric.</summary>
    public IReadOnlyList<LiquidationVenueUsd> Venues { get; init; } = [];
}

/// <summary>One venue's part of a liq5m total.</summary>
/// <param name="Venue">Venue id (<c>binance</c>, <c>bybit</c>, <c>okx</c>, <c>gate</c>, <c>replay:binance</c>).</param>
/// <param name="Usd">Liquidated notional of that venue in the window, USD.</param>
public sealed record LiquidationVenueUsd(string Venue, decimal Usd);

/// <summary>Everything an evaluation may read about one symbol at one instant.</summary>
/// <param name="FundingHistory">Settled funding merged from the snapshot and the bot's own 90-day history, oldest first.</param>
/// <param name="RecentLiquidationsUsd">Liquidated notional in the last 5 minutes (stream window and snapshot, whichever saw more).</param>
/// <param name="Quadrant">The quadrant state, or null when no classifier is available.</param>
/// <param name="PutCallOiRatio">The coin's put/call open-interest ratio on the options venue, or null when unknown.</param>
/// <param name="RecentLiquidationsByVenue">The venues that make up <paramref name="RecentLiquidationsUsd"/> (null: not split).</param>
public sealed record AlertContext(
    MarketSnapshot Snapshot,
    DateTimeOffset Now,
    IReadOnlyList<FundingRatePoint> FundingHistory,
    decimal RecentLiquidationsUsd,
    QuadrantState? Quadrant,
    decimal? PutCallOiRatio = null,
    IReadOnlyList<LiquidationVenueUsd>? RecentLiquidationsByVenue = null);

/// <summary>Pure evaluation of alert conditions against market data.</summary>
public static class AlertEvaluator
{
    /// <summary>Fewer settled rates than this make a percentile meaningless.</summary>
    public const int MinPercentileSamples = 30;

    public static AlertObservation Evaluate(AlertCondition condition, AlertContext context)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(context);
        return condition.Metric switch
        {
            AlertMetric.Funding => Funding(condition, context),
            AlertMetric.FundingPercentile => Percentile(condition, context),
            AlertMetric.OpenInterestChange => OpenInterest(condition, context),
            AlertMetric.Quadrant => Quadrant(condition, context),
            AlertMetric.Liquidations5m => Liquidations(condition, context),
            AlertMetric.Rsi => Rsi(condition, context),
            AlertMetric.PutCallRatio => PutCall(condition, context),
            _ => AlertObservation.Unavailable,
        };
    }

    public static decimal? CurrentFunding(MarketSnapshot snapshot) =>
        snapshot.Premium?.FundingRate ?? (snapshot.FundingHistory.Count > 0 ? snapshot.FundingHistory[^1].Rate : null);

    private static bool Compare(AlertDirection direction, decimal value, decimal threshold) => direction switch
    {
        AlertDirection.Above => value >= threshold,
        AlertDirection.Below => value <= threshold,
        _ => Math.Abs(value) >= Math.Abs(threshold),
    };

    private static AlertObservation Funding(AlertCondition c, AlertContext ctx)
    {
        if (CurrentFunding(ctx.Snapshot) is not { } rate)
        {
            return AlertObservation.Unavailable;
        }
        return new(true, Compare(c.Direction, rate, c.Threshold), Subscriptions.SubscriptionTexts.Percent(rate));
    }

    /// <summary>Share (0–100) of historical settled rates at or below <paramref name="value"/>.</summary>
    public static decimal PercentileOf(decimal value, IReadOnlyList<FundingRatePoint> history)
    {
        var below = history.Count(p => p.Rate <= value);
        return Math.Round(100m * below / history.Count, 1);
    }

    private static AlertObservation Percentile(AlertCondition c, AlertContext ctx)
    {
        if (CurrentFunding(ctx.Snapshot) is not { } rate || ctx.FundingHistory.Count < MinPercentileSamples)
        {
            return AlertObservation.Unavailable;
        }
        var p = PercentileOf(rate, ctx.FundingHistory);
        var holds = c.Direction switch
        {
            AlertDirection.Above => p >= c.Threshold,
            AlertDirection.Below => p <= c.Threshold,
            _ => p >= c.Threshold || p <= 100 - c.Threshold,
        };
        return new(true, holds, "P" + p.ToString("0.#", CultureInfo.InvariantCulture) + " (" + Subscriptions.SubscriptionTexts.Percent(rate) + ")");
    }

    private static AlertObservation OpenInterest(AlertCondition c, AlertContext ctx)
    {
        var series = ctx.Snapshot.OpenInterest;
        if (series.Count < 2 || c.Window is not { } window)
        {
            return AlertObservation.Unavailable;
        }
        // The same exact-window rule as /oi: against the value at exactly (last point − window), interpolated; missing
        // (not a shorter span) when history does not reach back. Tolerance: half the window, as this rule always had.
        var last = series.Count - 1;
        if (last < 1 || Core.Signals.SeriesWindow.Change(series, last, static p => p.Time, static p => p.Contracts, window, 0.5) is not { } fraction)
        {
            return AlertObservation.Unavailable;
        }
        var change = fraction * 100m;
        return new(true, Compare(c.Direction, change, c.Threshold), change.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%");
    }

    private static AlertObservation Quadrant(AlertCondition c, AlertContext ctx)
    {
        if (ctx.Quadrant is not { } state)
        {
            return AlertObservation.Unavailable;
        }
        var holds = c.State is { } target ? state == target : state != QuadrantState.Neutral;
        return new(true, holds, state.ToString());
    }

    private static AlertObservation Liquidations(AlertCondition c, AlertContext ctx) =>
        new(true, ctx.RecentLiquidationsUsd >= c.Threshold, Subscriptions.SubscriptionTexts.Usd(ctx.RecentLiquidationsUsd))
        {
            Venues = ctx.RecentLiquidationsByVenue ?? [],
        };

    /// <summary>
    /// Liquidated notional in (now − <paramref name="window"/>, now] per venue, largest first; events without a venue
    /// are the <paramref name="primaryVenue"/>'s own stream. The parts sum to <see cref="LiquidationsInWindow"/>.
    /// </summary>
    public static IReadOnlyList<LiquidationVenueUsd> LiquidationsByVenueInWindow(IReadOnlyList<Liquidation> liquidations, DateTimeOffset now, TimeSpan window, string primaryVenue)
    {
        ArgumentNullException.ThrowIfNull(liquidations);
        var from = now - window;
        var byVenue = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = liquidations.Count - 1; i >= 0; i--)
        {
            var l = liquidations[i];
            if (l.Time <= from)
            {
                break;
            }
            var venue = l.Venue ?? primaryVenue;
            byVenue[venue] = byVenue.GetValueOrDefault(venue) + l.NotionalUsd;
        }
        return OrderVenues(byVenue);
    }

    /// <summary>Venues with a non-zero part, largest first (ties by id, so the order is stable).</summary>
    public static IReadOnlyList<LiquidationVenueUsd> OrderVenues(IEnumerable<KeyValuePair<string, decimal>> byVenue) =>
        byVenue.Where(kv => kv.Value != 0m)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new LiquidationVenueUsd(kv.Key, kv.Value))
            .ToList();

    /// <summary>Liquidated notional in (now − 5 min, now] from a list of liquidations.</summary>
    public static decimal LiquidationsInWindow(IReadOnlyList<Liquidation> liquidations, DateTimeOffset now, TimeSpan window)
    {
        var from = now - window;
        var sum = 0m;
        for (var i = liquidations.Count - 1; i >= 0; i--)
        {
            var l = liquidations[i];
            if (l.Time <= from)
            {
                break;
            }
            sum += l.NotionalUsd;
        }
        return sum;
    }

    private static AlertObservation PutCall(AlertCondition c, AlertContext ctx)
    {
        if (ctx.PutCallOiRatio is not { } ratio)
        {
            return AlertObservation.Unavailable;
        }
        var holds = c.Direction == AlertDirection.Below ? ratio <= c.Threshold : ratio >= c.Threshold;
        return new(true, holds, ratio.ToString("0.00", CultureInfo.InvariantCulture));
    }

    private static AlertObservation Rsi(AlertCondition c, AlertContext ctx)
    {
        // Closed candles only: the forming candle swings within its interval and would flip the rule back and forth.
        if (ComputeRsi(ctx.Snapshot.Klines, 14, ClosedCount(ctx.Snapshot, ctx.Now)) is not { } rsi)
        {
            return AlertObservation.Unavailable;
        }
        var upper = c.Threshold;
        var lower = 100 - c.Threshold;
        return new(true, rsi >= upper || rsi <= lower, rsi.ToString("0.0", CultureInfo.InvariantCulture));
    }

    /// <summary>How many of the snapshot's candles (oldest first) had closed by <paramref name="now"/>.</summary>
    public static int ClosedCount(MarketSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var step = snapshot.KlineInterval.ToTimeSpan();
        var n = snapshot.Klines.Count;
        while (n > 0 && snapshot.Klines[n - 1].OpenTime + step > now)
        {
            n--;
        }
        return n;
    }

    /// <summary>Wilder's RSI over the closes of the first <paramref name="count"/> candles (all when null); null with fewer than <paramref name="period"/> + 1 candles.</summary>
    public static decimal? ComputeRsi(IReadOnlyList<Kline> klines, int period, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(klines);
        var used = Math.Min(count ?? klines.Count, klines.Count);
        if (used < period + 1)
        {
            return null;
        }
        decimal gain = 0, loss = 0;
        for (var i = 1; i <= period; i++)
        {
            var d = klines[i].Close - klines[i - 1].Close;
            if (d > 0) { gain += d; } else { loss -= d; }
        }
        gain /= period;
        loss /= period;
        for (var i = period + 1; i < used; i++)
        {
            var d = klines[i].Close - klines[i - 1].Close;
            gain = (gain * (period - 1) + Math.Max(d, 0)) / period;
            loss = (loss * (period - 1) + Math.Max(-d, 0)) / period;
        }
        if (loss == 0)
        {
            return gain == 0 ? 50m : 100m;
        }
        var rs = gain / loss;
        return 100m - 100m / (1 + rs);
    }
}
