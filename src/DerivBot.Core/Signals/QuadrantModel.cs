using DerivBot.Core.Charts;
using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>
/// Signal 3: the funding × OI four-quadrant crowding model, evaluated on several horizons (default 4 h and 24 h). See
/// docs/signals.md for the definitions of "rising", "flat", "falling sharply", "swinging" and "near neutral", and for
/// how horizons are combined (<see cref="Decide"/>). Reports, chart shading and alerts all go through this class.
/// </summary>
public static class QuadrantModel
{
    /// <summary>The quadrant state now: the deciding horizon's reading, with every horizon's in <see cref="QuadrantSignal.Horizons"/>.</summary>
    public static QuadrantSignal Evaluate(MarketSnapshot snapshot, DateTimeOffset now, SignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var oi = OiSeries.From(snapshot.OpenInterest, now, options.OpenInterest.MaxStartGapFraction);
        var funding = FundingSeries.From(snapshot, now);
        return Evaluate(oi, funding, oi.Count - 1, funding.CurrentPer8h, options, options.Quadrant.EffectiveHorizons());
    }

    /// <summary>
    /// The state at every OI point in [<paramref name="from"/>, <paramref name="to"/>], merged into spans for chart
    /// shading. Each point sees only data up to its own time. Points whose state cannot be determined (gaps, too
    /// little history) end the current span and start none, so missing data shows as unshaded.
    /// </summary>
    public static IReadOnlyList<QuadrantSpan> Series(MarketSnapshot snapshot, DateTimeOffset from, DateTimeOffset to, SignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var spans = new List<QuadrantSpan>();
        if (to < from)
        {
            return spans;
        }
        var oi = OiSeries.From(snapshot.OpenInterest, to, options.OpenInterest.MaxStartGapFraction);
        var funding = FundingSeries.From(snapshot, to);
        var horizons = options.Quadrant.EffectiveHorizons();
        var first = oi.IndexAt(from);
        if (first < 0 || oi.Ticks[first] < from.UtcTicks)
        {
            first++;
        }

        QuadrantState? open = null;
        DateTimeOffset openStart = default;
        DateTimeOffset lastTime = default;
        var lastStep = TimeSpan.Zero;
        for (var i = Math.Max(0, first); i < oi.Count; i++)
        {
            var t = oi.Points[i].Time;
            if (i + 1 < oi.Count && oi.Points[i + 1].Time == t)
            {
                continue; // duplicate timestamp: evaluate the last of the run only
            }
            var signal = Evaluate(oi, funding, i, funding.Per8hAt(t), options, horizons);
            QuadrantState? state = signal.Status == SignalStatus.Ok ? signal.State : null;
            var gap = lastStep > TimeSpan.Zero && t - lastTime > lastStep * 2;
            if (state != open || gap)
            {
                if (open is { } o)
                {
                    // Normally a span runs up to the next point; at a gap in the data it stops one step after its
                    // last point so the gap stays unshaded, even when the state is the same on both sides.
                    var end = gap ? lastTime + lastStep : t;
                    spans.Add(new QuadrantSpan(openStart, end, o));
                }
                open = state;
                openStart = t;
            }
            if (lastTime != default)
            {
                lastStep = t - lastTime;
            }
            lastTime = t;
        }
        if (open is { } last)
        {
            // The final point stands for one sampling step (the last gap), clipped to the window end.
            var end = lastTime + lastStep > to ? to : lastTime + lastStep;
            spans.Add(new QuadrantSpan(openStart, end < openStart ? openStart : end, last));
        }
        return spans;
    }

    internal static QuadrantSignal Evaluate(
        OiSeries oi, FundingSeries funding, int index, decimal? fundingPer8h, SignalOptions options, IReadOnlyList<QuadrantHorizon> horizons)
    {
        var readings = new QuadrantSignal[horizons.Count];
        for (var k = 0; k < horizons.Count; k++)
        {
            readings[k] = EvaluateHorizon(oi, funding, index, fundingPer8h, options, horizons[k]);
        }
        return Decide(readings);
    }

    /// <summary>
    /// Combines the horizons' readings (shortest horizon first) into one: the firing (non-neutral) horizon with the
    /// highest confidence wins; on equal confidence the shorter horizon wins, being the more recent evidence. Confidence
    /// compares like with like because every horizon scores how far its inputs lie past its own thresholds. Neutral
    /// only when no horizon fires: then the shortest horizon with data speaks, with the lowest neutral confidence of all
    /// horizons (neutral is only as certain as the horizon closest to firing). With no data on any horizon, the
    /// shortest horizon's insufficient-data reading.
    /// </summary>
    internal static QuadrantSignal Decide(IReadOnlyList<QuadrantSignal> readings)
    {
        QuadrantSignal? best = null;
        QuadrantSignal? neutral = null;
        var neutralConfidence = 1.0;
        foreach (var r in readings)
        {
            if (r.Status != SignalStatus.Ok)
            {
                continue;
            }
            if (r.State == QuadrantState.Neutral)
            {
                neutral ??= r;
                neutralConfidence = Math.Min(neutralConfidence, r.Confidence);
            }
            else if (best is null || r.Confidence > best.Confidence)
            {
                best = r;
            }
        }
        var summary = readings.Select(r => new QuadrantHorizonReading(
            r.Window, r.Status, r.State, r.Confidence, r.OiChange, r.OiTrend, r.Horizons[0].Thresholds)).ToList();
        var chosen = best ?? (neutral is null ? readings[0] : neutral with { Confidence = neutralConfidence });
        return chosen with { Horizons = summary };
    }

    /// <summary>The quadrant on one horizon (its <see cref="QuadrantSignal.Horizons"/> holds just that horizon).</summary>
    private static QuadrantSignal EvaluateHorizon(
        OiSeries oi, FundingSeries funding, int index, decimal? fundingPer8h, SignalOptions options, QuadrantHorizon h)
    {
        var q = options.Quadrant;
        var w = h.Window;
        if (index < 0)
        {
            return Insufficient(q, h, null, SignalReason.Of("quadrant.insufficient_oi", ("points", 0m), ("window_hours", (decimal)w.TotalHours)));
        }
        var time = oi.Points[index].Time;
        var oiChange = oi.ContractsChange(index, w);
        if (oiChange is not { } dOi)
        {
            return Insufficient(q, h, time, SignalReason.Of("quadrant.insufficient_oi", ("points", oi.Count), ("window_hours", (decimal)w.TotalHours)));
        }
        if (fundingPer8h is not { } f)
        {
            return Insufficient(q, h, time, SignalReason.Of("quadrant.insufficient_funding", ("window_hours", (decimal)w.TotalHours)));
        }

        var (z, _) = oi.ZScore(index, w, options.OpenInterest.MinZScoreSamples);
        var tolerance = SeriesWindow.Tolerance(w, options.OpenInterest.MaxStartGapFraction);
        decimal? fundingChange = funding.Per8hAtStart(time - w, tolerance) is { } before ? f - before : null;
        var (samples, std, flips) = funding.Dispersion(time - w, time, q.ChurnSettlements);
        decimal? stdDec = samples >= 3 ? SeriesMath.ToDecimal(std) : null;

        // OI trend: fixed threshold AND (when history allows) the symbol's own typical move.
        var oiD = (double)dOi;
        OiTrend trend;
        if (dOi >= h.OiRisingChange && (z is null || z >= q.OiRisingMinZ))
        {
            trend = OiTrend.Rising;
        }
        else if (dOi <= -h.OiSharpFall && (z is null || z <= -q.OiSharpFallMinZ))
        {
            trend = OiTrend.FallingSharply;
        }
        else if (Math.Abs(dOi) <= h.OiFlatChange && (z is null || Math.Abs(z.Value) <= q.OiFlatMaxZ))
        {
            trend = OiTrend.Flat;
        }
        else
        {
            trend = OiTrend.Moderate;
        }

        var elevated = options.Funding.ElevatedPer8h;
        var positive = f > q.PositiveAbovePer8h;
        var negative = f < q.NegativeBelowPer8h;
        var rising = fundingChange is { } fc && fc >= h.FundingRiseMinPer8h;
        var isElevated = f >= elevated;
        var nearNeutral = Math.Abs(f) <= q.NeutralBandPer8h;
        var swingBySign = samples >= 2 && flips >= q.SwingMinSignChanges;
        var swingByStd = samples >= 3 && std >= (double)q.SwingMinStdDevPer8h;
        var swinging = swingBySign || swingByStd;

        var band = (double)q.NeutralBandPer8h;
        var zStrength = z is { } zz ? trend switch
        {
            OiTrend.Rising => SeriesMath.Strength(zz - q.OiRisingMinZ, 1),
            OiTrend.FallingSharply => SeriesMath.Strength(-zz - q.OiSharpFallMinZ, 1),
            OiTrend.Flat => SeriesMath.Strength(q.OiFlatMaxZ - Math.Abs(zz), q.OiFlatMaxZ),
            _ => 0.5,
        } : (double?)null;

        QuadrantState state;
        string code;
        // Reasons put a verb of direction ("fell", "rose") before the size of the move, never before a signed change.
        (string Name, decimal Value)? magnitude = null;
        var parts = new List<double>(4);
        if (trend == OiTrend.Rising && negative)
        {
            state = QuadrantState.ShortCrowding;
            code = "quadrant.short_crowding";
            magnitude = ("oi_rise", dOi);
            parts.Add(SeriesMath.Strength(oiD - (double)h.OiRisingChange, (double)h.OiRisingChange));
            parts.Add(SeriesMath.Strength((double)(q.NegativeBelowPer8h - f), band));
        }
        else if (trend == OiTrend.Rising && positive && (rising || isElevated))
        {
            state = QuadrantState.LongCrowding;
            code = "quadrant.long_crowding";
            magnitude = ("oi_rise", dOi);
            parts.Add(SeriesMath.Strength(oiD - (double)h.OiRisingChange, (double)h.OiRisingChange));
            parts.Add(Math.Max(
                rising ? SeriesMath.Strength((double)(fundingChange!.Value - h.FundingRiseMinPer8h), (double)h.FundingRiseMinPer8h) : 0,
                isElevated ? SeriesMath.Strength((double)(f - elevated), (double)elevated) : 0));
        }
        else if (trend == OiTrend.FallingSharply && nearNeutral)
        {
            state = QuadrantState.Deleveraging;
            code = "quadrant.deleveraging";
            magnitude = ("oi_fall", -dOi);
            parts.Add(SeriesMath.Strength(-oiD - (double)h.OiSharpFall, (double)h.OiSharpFall));
            parts.Add(SeriesMath.Strength(band - Math.Abs((double)f), band));
        }
        else if (trend == OiTrend.Flat && swinging)
        {
            state = QuadrantState.Churn;
            code = "quadrant.churn";
            parts.Add(SeriesMath.Strength((double)h.OiFlatChange - Math.Abs(oiD), (double)h.OiFlatChange));
            parts.Add(Math.Max(
                swingBySign ? SeriesMath.Strength(flips - q.SwingMinSignChanges, q.SwingMinSignChanges) : 0,
                swingByStd ? SeriesMath.Strength(std - (double)q.SwingMinStdDevPer8h, (double)q.SwingMinStdDevPer8h) : 0));
        }
        else
        {
            state = QuadrantState.Neutral;
            code = "quadrant.neutral";
            // Neutral is more certain the further the inputs are from every trigger.
            var nearest = Math.Max(Math.Abs(oiD) / (double)h.OiRisingChange, Math.Abs((double)f) / (double)elevated);
            parts.Add(Math.Clamp(1 - (nearest / 2), 0.5, 1));
        }
        if (state != QuadrantState.Neutral && zStrength is { } zs)
        {
            parts.Add(zs);
        }
        var confidence = parts.Average();
        if (z is null)
        {
            confidence *= q.NoHistoryConfidenceFactor;
        }
        confidence = Math.Clamp(confidence, 0, 1);

        var values = new List<(string, decimal)>
        {
            ("funding_per8h", f),
            ("oi_change", dOi),
            ("window_hours", (decimal)w.TotalHours),
            ("sign_changes", flips),
            ("confidence", SeriesMath.ToDecimal(confidence)),
        };
        if (magnitude is { } mg)
        {
            values.Add(mg);
        }
        if (fundingChange is { } fch)
        {
            values.Add(("funding_change_per8h", fch));
        }
        if (z is { } zv)
        {
            values.Add(("oi_z", SeriesMath.ToDecimal(zv)));
        }
        if (stdDec is { } sd)
        {
            values.Add(("funding_std_per8h", sd));
        }

        return new QuadrantSignal(
            SignalStatus.Ok, state, time, w, f, fundingChange, stdDec, flips, samples, dOi, z, trend, confidence, q,
            SignalReason.Of(code, [.. values]), [Reading(SignalStatus.Ok, state, confidence, dOi, trend, h)]);
    }

    private static QuadrantHorizonReading Reading(SignalStatus status, QuadrantState state, double confidence, decimal? oiChange, OiTrend trend, QuadrantHorizon h) =>
        new(h.Window, status, state, confidence, oiChange, trend, h);

    private static QuadrantSignal Insufficient(QuadrantOptions q, QuadrantHorizon h, DateTimeOffset? time, SignalReason reason) =>
        new(SignalStatus.InsufficientData, QuadrantState.Neutral, time, h.Window, null, null, null, 0, 0, null, null,
            OiTrend.Unknown, 0, q, reason, [Reading(SignalStatus.InsufficientData, QuadrantState.Neutral, 0, null, OiTrend.Unknown, h)]);
}
