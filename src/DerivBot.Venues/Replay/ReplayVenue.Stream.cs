using System.Globalization;
using System.Text;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Binance;

namespace DerivBot.Venues.Replay;

// IMarketStream: the recorded mark-price and liquidation frames, played back in Binance's wire format as replay time passes.
public sealed partial class ReplayVenue
{
    /// <summary>
    /// Plays the scenario's stream from now on: a <c>!markPrice@arr@1s</c> batch for every symbol at each step and
    /// every recorded <c>!forceOrder@arr</c> frame once its time has passed. Returns when cancelled.
    /// </summary>
    public async Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.OnStatus(new StreamStatus(StreamState.Connected, Now, "replaying " + _data.Scenario.Name));
        var emittedUpTo = (Now - _options.StreamBacklog).ToUnixTimeMilliseconds();
        var next = FirstFrameAfter(emittedUpTo);
        var others = _data.OtherVenueLiquidations;
        var nextOther = FirstOtherAfter(others, emittedUpTo);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = Now;
                var nowMs = now.ToUnixTimeMilliseconds();
                // Binance frames and the derived Bybit / OKX events of the same cascade (tools/scenario, read by ReplayData.LoadOtherVenues;
                // tagged with their venue), merged in time order as one stream would deliver them.
                while (true)
                {
                    var binanceDue = next < _data.LiquidationTimes.Length && _data.LiquidationTimes[next] <= nowMs;
                    var otherMs = nextOther < others.Length ? others[nextOther].Time.ToUnixTimeMilliseconds() : long.MaxValue;
                    var otherDue = otherMs <= nowMs;
                    if (binanceDue && (!otherDue || _data.LiquidationTimes[next] <= otherMs))
                    {
                        BinanceParsers.ParseStreamFrame(_data.LiquidationFrames[next], handler);
                        next++;
                    }
                    else if (otherDue)
                    {
                        handler.OnLiquidation(others[nextOther]);
                        nextOther++;
                    }
                    else
                    {
                        break;
                    }
                }
                if (MarkPriceFrame(now) is { } frame)
                {
                    BinanceParsers.ParseStreamFrame(frame, handler);
                }
                await Task.Delay(_options.StreamStep, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        handler.OnStatus(new StreamStatus(StreamState.Disconnected, Now, "replay stopped"));
    }

    /// <summary>A combined-stream mark-price frame for all symbols at <paramref name="now"/>, in Binance's wire format.</summary>
    internal byte[]? MarkPriceFrame(DateTimeOffset now)
    {
        var sb = new StringBuilder("{\"stream\":\"!markPrice@arr@1s\",\"data\":[");
        var any = false;
        var e = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var s in _data.Symbols.Values)
        {
            if (PremiumAt(s, now) is not { } p)
            {
                continue;
            }
            if (any)
            {
                sb.Append(',');
            }
            any = true;
            sb.Append("{\"e\":\"markPriceUpdate\",\"E\":").Append(e).Append(",\"s\":\"").Append(p.Symbol.Value)
              .Append("\",\"p\":\"").Append(p.MarkPrice.ToString(CultureInfo.InvariantCulture))
              .Append("\",\"i\":\"").Append(p.IndexPrice.ToString(CultureInfo.InvariantCulture))
              .Append("\",\"P\":\"").Append(p.EstimatedSettlePrice.ToString(CultureInfo.InvariantCulture))
              .Append("\",\"r\":\"").Append(p.FundingRate.ToString(CultureInfo.InvariantCulture))
              .Append("\",\"T\":").Append(p.NextFundingTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('}');
        }
        sb.Append("]}");
        return any ? Encoding.UTF8.GetBytes(sb.ToString()) : null;
    }

    private static int FirstOtherAfter(Liquidation[] others, long ms)
    {
        var i = 0;
        while (i < others.Length && others[i].Time.ToUnixTimeMilliseconds() <= ms)
        {
            i++;
        }
        return i;
    }

    private int FirstFrameAfter(long ms)
    {
        var i = Array.BinarySearch(_data.LiquidationTimes, ms + 1);
        if (i < 0)
        {
            return ~i;
        }
        while (i > 0 && _data.LiquidationTimes[i - 1] > ms)
        {
            i--;
        }
        return i;
    }
}
