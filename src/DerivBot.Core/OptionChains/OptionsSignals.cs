using DerivBot.Core.Signals;

namespace DerivBot.Core.OptionChains;

/// <summary>
/// Put/call ratios, max pain, ATM IV and the articles' combined readings from one option chain. Pure: time is passed
/// in, nothing is read from a clock or the network, missing data gives nulls and <see cref="SignalStatus.InsufficientData"/>.
/// </summary>
public static class OptionsSignals
{
    public static OptionsSignal Compute(
        OptionChain chain, DateTimeOffset now, OptionsSignalOptions options, IReadOnlyList<OptionsHistoryPoint> history, OptionsMarketContext market)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(market);

        var live = chain.Options.Where(o => o.Expiry > now).ToList();
        var underlying = chain.IndexPrice is > 0m ? chain.IndexPrice : NearestUnderlying(live);
        var expiries = live.GroupBy(o => o.Expiry).OrderBy(g => g.Key).Select(g => Expiry(g.Key, g.ToList(), underlying)).ToList();

        var callOi = expiries.Sum(e => e.CallOi);
        var putOi = expiries.Sum(e => e.PutOi);
        var callVolume = expiries.Sum(e => e.CallVolume);
        var putVolume = expiries.Sum(e => e.PutVolume);
        var pcOi = Ratio(putOi, callOi);
        var pcVolume = Ratio(putVolume, callVolume);
        decimal? callShare = callOi + putOi > 0m ? callOi / (callOi + putOi) : null;

        var weekly = expiries.FirstOrDefault(e => e.IsFriday);
        var monthly = expiries.FirstOrDefault(e => e.IsMonthly);
        var quarterly = expiries.FirstOrDefault(e => e.IsQuarterly);
        var buckets = new List<BucketStats>
        {
            Bucket(OptionsBucket.NearestWeekly, weekly),
            Bucket(OptionsBucket.NearestMonthly, monthly),
            Bucket(OptionsBucket.Quarterly, quarterly),
            new(OptionsBucket.All, null, callOi, putOi, pcOi, pcVolume),
        };

        var maxPain = monthly?.MaxPain;
        decimal? distance = maxPain is > 0m && underlying is { } u ? (u - maxPain.Value) / maxPain.Value : null;
        var atmIv = monthly?.AtmIv ?? expiries.FirstOrDefault(e => e.AtmIv is not null)?.AtmIv;

        var past = AtWindowStart(history, now, options.Window);
        decimal? pcChange = pcOi is { } pc && past?.PutCallOiRatio is { } before ? pc - before : null;
        decimal? ivChange = atmIv is { } iv && past?.AtmIv is { } ivBefore ? iv - ivBefore : null;
        var percentile = Percentile(pcOi, history, now, options);

        if (callOi + putOi == 0m)
        {
            return new OptionsSignal(SignalStatus.InsufficientData, chain.Asset, chain.Time, underlying, 0m, 0m, null, pcVolume, null,
                expiries, buckets, monthly, maxPain, distance, atmIv, ivChange, null, percentile, null, false, false, [], options,
                SignalReason.Of(chain.Options.Count == 0 ? "options.no_chain" : "options.no_open_interest"));
        }

        OptionsReading reading;
        SignalReason reason;
        if (pcOi is not { } ratio)
        {
            // Puts but no calls: as put-heavy as it gets, though the ratio itself is undefined.
            reading = OptionsReading.PutHeavy;
            reason = SignalReason.Of("options.put_heavy_no_calls", ("put_oi", putOi));
        }
        else if (ratio < options.CallHeavyBelow)
        {
            reading = OptionsReading.CallHeavy;
            reason = SignalReason.Of("options.call_heavy", ("ratio", ratio), ("threshold", options.CallHeavyBelow));
        }
        else if (ratio > options.PutHeavyAbove)
        {
            reading = OptionsReading.PutHeavy;
            reason = SignalReason.Of("options.put_heavy", ("ratio", ratio), ("threshold", options.PutHeavyAbove));
        }
        else
        {
            reading = OptionsReading.Balanced;
            reason = SignalReason.Of("options.balanced", ("ratio", ratio), ("low", options.CallHeavyBelow), ("high", options.PutHeavyAbove));
        }

        var flags = new List<SignalReason>();
        var hedging = pcChange is { } change && change >= options.RisingMinChange
            && market.LongShortAccountRatio is { } ls && ls >= options.LongShortHighAbove;
        if (hedging)
        {
            flags.Add(SignalReason.Of("options.hedging_longs_crowd",
                ("pcr_delta", pcChange!.Value), ("hours", (decimal)options.Window.TotalHours), ("long_short", market.LongShortAccountRatio!.Value), ("threshold", options.LongShortHighAbove)));
        }
        var conflict = callShare is { } share && share >= options.CallShareConflictAtLeast
            && market.FundingPer8h is { } funding && funding < options.ConflictFundingBelowPer8h;
        if (conflict)
        {
            flags.Add(SignalReason.Of("options.calls_vs_funding",
                ("call_share", callShare!.Value), ("share_threshold", options.CallShareConflictAtLeast), ("funding_per8h", market.FundingPer8h!.Value)));
        }

        return new OptionsSignal(SignalStatus.Ok, chain.Asset, chain.Time, underlying, callOi, putOi, pcOi, pcVolume, callShare,
            expiries, buckets, monthly, maxPain, distance, atmIv, ivChange, pcChange, percentile, reading, hedging, conflict, flags, options, reason);
    }

    /// <summary>Numerator / denominator, or null when the denominator is 0 (never infinity, never a made-up 0).</summary>
    public static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0m ? null : numerator / denominator;

    /// <summary>True for the last Friday of its month (Deribit's monthly expiry day).</summary>
    public static bool IsLastFriday(DateOnly date) => date.DayOfWeek == DayOfWeek.Friday && date.AddDays(7).Month != date.Month;

    /// <summary>True for the last Friday of March, June, September or December (quarterly expiry day).</summary>
    public static bool IsQuarterly(DateOnly date) => IsLastFriday(date) && date.Month % 3 == 0;

    /// <summary>
    /// Max pain: among the listed strikes, the settlement price K at which option holders' total intrinsic value
    /// Σ callOI·max(0, K − strike) + Σ putOI·max(0, strike − K) is smallest (ties: the lower strike). Null without open interest.
    /// </summary>
    public static decimal? MaxPain(IReadOnlyList<OptionSummary> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Any(o => o.OpenInterest > 0m))
        {
            return null;
        }
        decimal? best = null;
        var bestPain = decimal.MaxValue;
        foreach (var candidate in options.Select(o => o.Strike).Distinct().Order())
        {
            var pain = 0m;
            foreach (var o in options)
            {
                pain += o.Right == OptionRight.Call
                    ? o.OpenInterest * Math.Max(0m, candidate - o.Strike)
                    : o.OpenInterest * Math.Max(0m, o.Strike - candidate);
            }
            if (pain < bestPain)
            {
                bestPain = pain;
                best = candidate;
            }
        }
        return best;
    }

    /// <summary>
    /// ATM implied volatility (fraction): the mark IV of the strikes either side of <paramref name="underlying"/> (calls and
    /// puts averaged per strike), linearly interpolated to the underlying; one side alone when the other has no mark.
    /// </summary>
    public static decimal? AtmIv(IReadOnlyList<OptionSummary> options, decimal? underlying)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (underlying is not { } u || u <= 0m)
        {
            return null;
        }
        var byStrike = options.Where(o => o.MarkIv is > 0m)
            .GroupBy(o => o.Strike)
            .Select(g => (Strike: g.Key, Iv: g.Average(o => o.MarkIv!.Value)))
            .OrderBy(x => x.Strike)
            .ToList();
        if (byStrike.Count == 0)
        {
            return null;
        }
        var below = byStrike.LastOrDefault(x => x.Strike <= u);
        var above = byStrike.FirstOrDefault(x => x.Strike >= u);
        if (below.Strike == 0m)
        {
            return above.Iv;
        }
        if (above.Strike == 0m || above.Strike == below.Strike)
        {
            return below.Iv;
        }
        var w = (u - below.Strike) / (above.Strike - below.Strike);
        return below.Iv + ((above.Iv - below.Iv) * w);
    }

    private static ExpiryStats Expiry(DateTimeOffset expiry, List<OptionSummary> options, decimal? index)
    {
        decimal callOi = 0m, putOi = 0m, callVolume = 0m, putVolume = 0m;
        foreach (var o in options)
        {
            if (o.Right == OptionRight.Call)
            {
                callOi += o.OpenInterest;
                callVolume += o.Volume24h ?? 0m;
            }
            else
            {
                putOi += o.OpenInterest;
                putVolume += o.Volume24h ?? 0m;
            }
        }
        // The expiry's own forward when the venue sends it (Deribit's underlying_price); the index otherwise.
        var forward = Median(options.Where(o => o.UnderlyingPrice is > 0m).Select(o => o.UnderlyingPrice!.Value));
        var underlying = forward ?? index;
        var date = DateOnly.FromDateTime(expiry.UtcDateTime);
        return new ExpiryStats(expiry, callOi, putOi, callVolume, putVolume, Ratio(putOi, callOi), Ratio(putVolume, callVolume),
            MaxPain(options), AtmIv(options, underlying), underlying,
            date.DayOfWeek == DayOfWeek.Friday, IsLastFriday(date), IsQuarterly(date));
    }

    private static BucketStats Bucket(OptionsBucket bucket, ExpiryStats? e) =>
        e is null
            ? new BucketStats(bucket, null, 0m, 0m, null, null)
            : new BucketStats(bucket, e.Expiry, e.CallOi, e.PutOi, e.PutCallOiRatio, e.PutCallVolumeRatio);

    private static decimal? NearestUnderlying(List<OptionSummary> live)
    {
        var nearest = live.Where(o => o.UnderlyingPrice is > 0m).OrderBy(o => o.Expiry).FirstOrDefault();
        return nearest is null ? null : Median(live.Where(o => o.Expiry == nearest.Expiry && o.UnderlyingPrice is > 0m).Select(o => o.UnderlyingPrice!.Value));
    }

    private static decimal? Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    /// <summary>The newest stored point at or before now − window, if it is not more than half a window older than that.</summary>
    private static OptionsHistoryPoint? AtWindowStart(IReadOnlyList<OptionsHistoryPoint> history, DateTimeOffset now, TimeSpan window)
    {
        var start = now - window;
        OptionsHistoryPoint? best = null;
        foreach (var p in history)
        {
            if (p.Time <= start && (best is null || p.Time > best.Time))
            {
                best = p;
            }
        }
        return best is not null && start - best.Time <= window / 2 ? best : null;
    }

    private static PercentileRank? Percentile(decimal? current, IReadOnlyList<OptionsHistoryPoint> history, DateTimeOffset now, OptionsSignalOptions o)
    {
        if (current is not { } value)
        {
            return null;
        }
        var from = now - o.PercentileWindow;
        // Points strictly before now: the current reading is ranked against the past, not against itself.
        var samples = history.Where(p => p.Time >= from && p.Time < now && p.PutCallOiRatio is not null).ToList();
        if (samples.Count < o.MinPercentileSamples)
        {
            return null;
        }
        var below = samples.Count(p => p.PutCallOiRatio < value);
        var equal = samples.Count(p => p.PutCallOiRatio == value);
        var covered = now - samples.Min(p => p.Time);
        return new PercentileRank(o.PercentileWindow, (below + (0.5 * equal)) / samples.Count, samples.Count,
            covered > o.PercentileWindow ? o.PercentileWindow : covered);
    }
}
