namespace DerivBot.Core.Markets;

/// <summary>
/// The pure maths of the cross-venue view: funding normalised to 8 h and annualized from each listing's own interval,
/// OI shares, OI-weighted funding, the funding spread, and OI changes from the summed history of the venues that have
/// history over a window. No I/O; "now" is passed in.
/// </summary>
public static class VenueMath
{
    /// <summary>The changes the aggregate reports.</summary>
    public static readonly TimeSpan[] ChangeWindows = [TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(24)];

    /// <summary>
    /// The venues with history over a window must hold at least this share of the current aggregate OI (USD) for the
    /// aggregate change to be reported: otherwise one or two small venues' change would stand in for the market.
    /// </summary>
    public const decimal MinChangeCoverage = 0.5m;

    /// <summary>A rate per <paramref name="intervalHours"/> as a rate per 8 h: rate × 8 / interval.</summary>
    public static decimal EightHour(decimal rate, int intervalHours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalHours);
        return rate * 8m / intervalHours;
    }

    /// <summary>A rate per <paramref name="intervalHours"/> annualized without compounding: rate × (24 / interval) × 365.</summary>
    public static decimal Annualized(decimal rate, int intervalHours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalHours);
        return rate * 24m * 365m / intervalHours;
    }

    /// <summary>
    /// How far the start and end of a window may lie from the ideal instants and still count: a tenth of the window,
    /// at least 20 minutes (a missed refresh cycle or a 15-minute published period must not void the change).
    /// </summary>
    public static TimeSpan Tolerance(TimeSpan window) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(20).Ticks, window.Ticks / 10));

    /// <summary>Builds rows and the aggregate for <paramref name="asset"/> at <paramref name="now"/>.</summary>
    public static VenueComparison Compare(string asset, IReadOnlyList<VenueInput> inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(inputs);
        var fresh = inputs.Where(i => !i.Stale).ToList();
        var totalCoins = fresh.Sum(i => i.Stat.OpenInterestCoins);
        var totalUsd = fresh.Sum(i => i.Stat.OpenInterestUsd);

        var rows = inputs
            .Select(i =>
            {
                var s = i.Stat;
                decimal? eight = s.FundingRate is { } r ? EightHour(r, s.FundingIntervalHours) : null;
                decimal? annual = s.FundingRate is { } r2 ? Annualized(r2, s.FundingIntervalHours) : null;
                decimal? share = !i.Stale && totalUsd > 0m ? s.OpenInterestUsd / totalUsd : null;
                decimal? toVolume = s.Volume24hUsd is { } v && v > 0m ? s.OpenInterestUsd / v : null;
                return new VenueComparisonRow(s, i.Stale, eight, annual, share, toVolume);
            })
            .OrderBy(r => r.Stale)
            .ThenByDescending(r => r.Stat.OpenInterestUsd)
            .ThenBy(r => r.Stat.Venue, StringComparer.Ordinal)
            .ToList();

        var rated = rows.Where(r => !r.Stale && r.EightHourRate is not null).ToList();
        var weighted = WeightedRate(rated.Select(r => (r.EightHourRate!.Value, r.Stat.OpenInterestUsd)));
        var spread = Spread(rated.Select(r => r.EightHourRate!.Value));
        var disagree = rated.Any(r => r.EightHourRate > 0m) && rated.Any(r => r.EightHourRate < 0m);

        var histories = fresh.Select(i => new VenueHistory(i.Stat.OpenInterestUsd, i.OpenInterestHistory)).ToList();
        var changes = ChangeWindows.Select(w => SummedChange(histories, w, now, totalUsd)).ToArray();

        var aggregate = new VenueAggregate(
            totalCoins, totalUsd, changes[0], changes[1], changes[2],
            weighted, weighted is { } w8 ? w8 * 3m * 365m : null, spread, disagree, fresh.Count);
        return new VenueComparison(asset, rows, aggregate);
    }

    /// <summary>Σ(rate × weight) / Σ weight over entries with a positive weight; null when there are none.</summary>
    public static decimal? WeightedRate(IEnumerable<(decimal Rate, decimal Weight)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sum = 0m;
        var weights = 0m;
        foreach (var (rate, weight) in entries)
        {
            if (weight > 0m)
            {
                sum += rate * weight;
                weights += weight;
            }
        }
        return weights > 0m ? sum / weights : null;
    }

    /// <summary>max − min; null with fewer than two rates (a spread of one venue is not a spread).</summary>
    public static decimal? Spread(IEnumerable<decimal> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var list = rates.ToList();
        return list.Count >= 2 ? list.Max() - list.Min() : null;
    }

    /// <summary>One venue's OI history for <see cref="SummedChange"/>, with its current OI in USD (its weight in the total).</summary>
    public sealed record VenueHistory(decimal CurrentUsd, IReadOnlyList<OpenInterestPoint> Points);

    /// <summary>
    /// The relative change over <paramref name="window"/> of the SUMMED open interest (coins) of the venues whose
    /// history covers the window: each such venue contributes its OI at the window's start (interpolated between the
    /// points around it; the point before it must lie within <see cref="Tolerance"/>) and its latest point (within the
    /// tolerance of now); the change is
    /// (Σ end − Σ start) / Σ start. Null when no venue covers the window or the covering venues hold less than
    /// <see cref="MinChangeCoverage"/> of <paramref name="totalUsd"/> — never a 0 that was not measured.
    /// </summary>
    public static decimal? SummedChange(IReadOnlyList<VenueHistory> venues, TimeSpan window, DateTimeOffset now, decimal totalUsd)
    {
        ArgumentNullException.ThrowIfNull(venues);
        var tolerance = Tolerance(window);
        var from = now - window;
        decimal start = 0m, end = 0m, covered = 0m;
        foreach (var venue in venues)
        {
            if (Latest(venue.Points, from) is not { } past || past.Time < from - tolerance
                || Latest(venue.Points, now) is not { } last || last.Time < now - tolerance || last.Time <= past.Time)
            {
                continue;
            }
            start += At(venue.Points, past, from);
            end += last.Contracts;
            covered += venue.CurrentUsd;
        }
        if (start <= 0m || totalUsd <= 0m || covered / totalUsd < MinChangeCoverage)
        {
            return null;
        }
        return (end - start) / start;
    }

    /// <summary>
    /// The summed OI series of several venues at <paramref name="times"/> (oldest first): at each instant every venue's
    /// OI (coins and USD) interpolated between its points. Instants that any venue's history does not cover (before its
    /// first point, or more than <paramref name="tolerance"/> after its last) are left out, so the sum is always over the
    /// same venues and never jumps when one joins.
    /// </summary>
    public static IReadOnlyList<OpenInterestPoint> SummedSeries(
        IReadOnlyList<IReadOnlyList<OpenInterestPoint>> venues, IReadOnlyList<DateTimeOffset> times, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(times);
        var result = new List<OpenInterestPoint>(times.Count);
        if (venues.Count == 0 || venues.Any(v => v.Count == 0))
        {
            return result;
        }
        foreach (var t in times)
        {
            decimal coins = 0m, usd = 0m;
            var covered = true;
            foreach (var points in venues)
            {
                if (Latest(points, t) is not { } before || t - points[^1].Time > tolerance)
                {
                    covered = false;
                    break;
                }
                var next = Next(points, t);
                if (next is { } n && n.Time > before.Time)
                {
                    var f = (decimal)(t - before.Time).Ticks / (n.Time - before.Time).Ticks;
                    coins += before.Contracts + ((n.Contracts - before.Contracts) * f);
                    usd += before.ValueUsd + ((n.ValueUsd - before.ValueUsd) * f);
                }
                else
                {
                    coins += before.Contracts;
                    usd += before.ValueUsd;
                }
            }
            if (covered)
            {
                result.Add(new OpenInterestPoint(t, coins, usd));
            }
        }
        return result;
    }

    private static OpenInterestPoint? Next(IReadOnlyList<OpenInterestPoint> points, DateTimeOffset at)
    {
        foreach (var p in points)
        {
            if (p.Time > at)
            {
                return p;
            }
        }
        return null;
    }

    /// <summary>The OI at <paramref name="at"/>: linear between <paramref name="before"/> and the next point, else <paramref name="before"/>'s.</summary>
    private static decimal At(IReadOnlyList<OpenInterestPoint> points, OpenInterestPoint before, DateTimeOffset at)
    {
        if (before.Time == at)
        {
            return before.Contracts;
        }
        foreach (var p in points)
        {
            if (p.Time > at)
            {
                var f = (decimal)((at - before.Time).Ticks) / (p.Time - before.Time).Ticks;
                return before.Contracts + ((p.Contracts - before.Contracts) * f);
            }
        }
        return before.Contracts;
    }

    /// <summary>The newest point at or before <paramref name="at"/> in an oldest-first series.</summary>
    private static OpenInterestPoint? Latest(IReadOnlyList<OpenInterestPoint> points, DateTimeOffset at)
    {
        var lo = 0;
        var hi = points.Count - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (points[mid].Time <= at)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : points[found];
    }
}
