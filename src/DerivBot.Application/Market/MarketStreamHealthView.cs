using DerivBot.Core.Ports;

namespace DerivBot.Application.Market;

/// <summary>A point-in-time view of the market stream for a /health-style report.</summary>
/// <param name="LastFrameTime">When the last mark-price batch or liquidation arrived (null: none yet).</param>
/// <param name="Detail">The stream's last status detail (never contains secrets).</param>
public sealed record MarketStreamHealthView(
    StreamState State,
    DateTimeOffset? StateSince,
    DateTimeOffset? LastFrameTime,
    string? Detail,
    long MarkPriceBatches,
    long Liquidations)
{
    /// <summary>True when connected and a frame arrived within <paramref name="silence"/>.</summary>
    public bool IsHealthy(DateTimeOffset now, TimeSpan silence) =>
        State == StreamState.Connected && LastFrameTime is { } t && now - t <= silence;
}
