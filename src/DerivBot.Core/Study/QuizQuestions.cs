using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Study;

/// <summary>Builds quiz questions from live data. Pure: the caller passes the data and the time.</summary>
public static class QuizQuestions
{
    /// <summary>The funding quiz compares against settlements in this window.</summary>
    public static readonly TimeSpan FundingMedianWindow = TimeSpan.FromDays(30);

    /// <summary>The liquidation quiz sums this window.</summary>
    public static readonly TimeSpan LiquidationWindow = TimeSpan.FromHours(24);

    /// <summary>Fewest settlements for a meaningful median (3 days of 8 h settlements).</summary>
    public const int MinFundingSamples = 9;

    /// <summary>"yes"/"no" and "long"/"short" option ids.</summary>
    public const string Yes = "yes", No = "no", Long = "long", Short = "short";

    /// <summary>The quadrant question: every state is an option, the current one is right. Null without a reading.</summary>
    public static QuizModel? Quadrant(SignalReport signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var q = signals.Quadrant;
        if (q.Status != SignalStatus.Ok)
        {
            return null;
        }
        var states = Enum.GetValues<QuadrantState>();
        var values = new List<(string, decimal)> { ("windowHours", (decimal)q.Window.TotalHours) };
        if (q.OiChange is { } oi)
        {
            values.Add(("oiChange", oi));
        }
        if (q.FundingPer8h is { } f)
        {
            values.Add(("fundingPer8h", f));
        }
        return new QuizModel(QuizKind.Quadrant, signals.Symbol, states.Select(s => s.ToString()).ToList(), Array.IndexOf(states, q.State),
            SignalReason.Of("quiz.quadrant", [.. values]), signals.ComputedAt);
    }

    /// <summary>
    /// Is the current funding (predicted, else last settled; fraction per interval) above the median of the settled
    /// rates in the 30 days before <paramref name="now"/>? Rates are compared 8 h-equivalent so a venue that changed
    /// its interval is still compared like for like. Null with fewer than <see cref="MinFundingSamples"/> settlements.
    /// </summary>
    public static QuizModel? Funding(Symbol symbol, decimal current, int intervalHours, IReadOnlyList<FundingRatePoint> settled, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settled);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalHours);
        var from = now - FundingMedianWindow;
        var rates = settled.Where(p => p.Time > from && p.Time <= now).Select(p => p.Rate).Order().ToList();
        if (rates.Count < MinFundingSamples)
        {
            return null;
        }
        var median = rates.Count % 2 == 1 ? rates[rates.Count / 2] : (rates[rates.Count / 2 - 1] + rates[rates.Count / 2]) / 2m;
        var factor = 8m / intervalHours;
        var above = current > median;
        return new QuizModel(QuizKind.Funding, symbol, [Yes, No], above ? 0 : 1,
            SignalReason.Of("quiz.funding", ("currentPer8h", current * factor), ("medianPer8h", median * factor), ("samples", rates.Count)), now);
    }

    /// <summary>Which side lost more USD to liquidations in the 24 h before <paramref name="now"/>. Null when nothing was liquidated or both sides tie.</summary>
    public static QuizModel? Liquidations(Symbol symbol, IReadOnlyList<Liquidation> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        var from = now - LiquidationWindow;
        decimal longs = 0, shorts = 0;
        foreach (var e in events)
        {
            if (e.Time > from && e.Time <= now && e.Symbol == symbol)
            {
                if (e.Side == PositionSide.Long)
                {
                    longs += e.NotionalUsd;
                }
                else
                {
                    shorts += e.NotionalUsd;
                }
            }
        }
        if (longs == shorts)
        {
            return null;
        }
        return new QuizModel(QuizKind.Liquidations, symbol, [Long, Short], longs > shorts ? 0 : 1,
            SignalReason.Of("quiz.liquidations", ("longUsd", longs), ("shortUsd", shorts)), now);
    }

    /// <summary>
    /// Which venue pays the highest funding (8 h-equivalent, so a 1 h venue is not under-counted) for the asset right
    /// now. Options are the venues that sent a rate, in <see cref="VenueIds.Perpetuals"/> order (others after, by
    /// name), at most <paramref name="maxOptions"/>. Null with fewer than two venues or a tie at the top.
    /// </summary>
    public static QuizModel? Venues(Symbol symbol, IReadOnlyList<VenueInstrumentStat> stats, DateTimeOffset now, int maxOptions = 10)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var rated = stats
            .Where(s => s.FundingRate is not null && s.FundingIntervalHours > 0)
            .GroupBy(s => s.Venue, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(s => (s.Venue, Per8h: s.FundingRate!.Value * 8m / s.FundingIntervalHours))
            .OrderBy(v => IndexOf(v.Venue)).ThenBy(v => v.Venue, StringComparer.Ordinal)
            .Take(maxOptions)
            .ToList();
        if (rated.Count < 2)
        {
            return null;
        }
        var ranked = rated.OrderByDescending(v => v.Per8h).ToList();
        if (ranked[0].Per8h == ranked[1].Per8h)
        {
            return null;
        }
        var correct = rated.FindIndex(v => v.Venue == ranked[0].Venue);
        return new QuizModel(QuizKind.Venues, symbol, rated.Select(v => v.Venue).ToList(), correct,
            SignalReason.Of("quiz.venues", ("topPer8h", ranked[0].Per8h), ("secondPer8h", ranked[1].Per8h), ("venues", rated.Count)), now)
        {
            RunnerUp = ranked[1].Venue,
        };
    }

    private static int IndexOf(string venue)
    {
        for (var i = 0; i < VenueIds.Perpetuals.Count; i++)
        {
            if (VenueIds.Perpetuals[i] == venue)
            {
                return i;
            }
        }
        return int.MaxValue;
    }
}
