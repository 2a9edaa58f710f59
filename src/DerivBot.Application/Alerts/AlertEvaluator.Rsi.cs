using System.Globalization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

public static partial class AlertEvaluator
{
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
