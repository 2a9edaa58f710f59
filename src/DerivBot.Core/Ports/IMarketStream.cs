using DerivBot.Core.Markets;

namespace DerivBot.Core.Ports;

/// <summary>
/// The push side of a venue: one long-lived connection carrying all-market mark prices and liquidations.
/// <see cref="RunAsync"/> returns only when cancelled; it reconnects by itself and reports its health through the handler.
/// </summary>
public interface IMarketStream
{
    string Name { get; }

    Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken);
}

/// <summary>
/// A stream that only adds liquidations from another venue (Bybit, OKX) to the merged flow: it never carries mark
/// prices, and its connection state is logged rather than shown as the market stream's health.
/// </summary>
public interface ILiquidationStream : IMarketStream
{
}

/// <summary>Receives what an <see cref="IMarketStream"/> delivers. Called from the stream's reader; keep it quick.</summary>
public interface IMarketStreamHandler
{
    /// <summary>A batch of mark-price updates (Binance <c>!markPrice@arr@1s</c>).</summary>
    void OnMarkPrices(IReadOnlyList<PremiumIndex> updates);

    void OnLiquidation(Liquidation liquidation);

    /// <summary>Connection state changes: connected, disconnected with a reason, silent, rotated.</summary>
    void OnStatus(StreamStatus status);
}

public enum StreamState { Connecting, Connected, Disconnected, Silent, Rotating }

/// <summary>A health report from a stream. <paramref name="Detail"/> never contains secrets.</summary>
public sealed record StreamStatus(StreamState State, DateTimeOffset Time, string? Detail = null);
