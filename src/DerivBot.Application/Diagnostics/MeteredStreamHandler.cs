using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Diagnostics;

/// <summary>
/// Measures a market stream on its way into the store: the lag of every event behind its own timestamp and every
/// reconnect (Connected again after having been connected). One per stream, wrapped by the stream host, so each venue's
/// stream is measured the same way whatever its transport.
/// </summary>
internal sealed class MeteredStreamHandler(string stream, IMarketStreamHandler inner, TimeProvider time) : IMarketStreamHandler
{
    private int _connections;

    public void OnMarkPrices(IReadOnlyList<PremiumIndex> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count > 0)
        {
            // One batch is one frame: its newest event time says how late the frame is.
            var newest = updates[0].Time;
            for (var i = 1; i < updates.Count; i++)
            {
                newest = updates[i].Time > newest ? updates[i].Time : newest;
            }
            DerivBotMetrics.StreamLag(stream, newest, time.GetUtcNow());
        }
        inner.OnMarkPrices(updates);
    }

    public void OnLiquidation(Liquidation liquidation)
    {
        DerivBotMetrics.StreamLag(stream, liquidation.Time, time.GetUtcNow());
        inner.OnLiquidation(liquidation);
    }

    public void OnStatus(StreamStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.State == StreamState.Connected && Interlocked.Increment(ref _connections) > 1)
        {
            DerivBotMetrics.StreamReconnected(stream);
        }
        inner.OnStatus(status);
    }
}
