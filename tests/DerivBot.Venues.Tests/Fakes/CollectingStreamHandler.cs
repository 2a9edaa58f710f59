using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>An <see cref="IMarketStreamHandler"/> that records everything it is given (thread-safe).</summary>
public sealed class CollectingStreamHandler : IMarketStreamHandler
{
    public ConcurrentQueue<IReadOnlyList<PremiumIndex>> MarkPriceBatches { get; } = new();
    public ConcurrentQueue<Liquidation> Liquidations { get; } = new();
    public ConcurrentQueue<StreamStatus> Statuses { get; } = new();

    public void OnMarkPrices(IReadOnlyList<PremiumIndex> updates) => MarkPriceBatches.Enqueue(updates);

    public void OnLiquidation(Liquidation liquidation) => Liquidations.Enqueue(liquidation);

    public void OnStatus(StreamStatus status) => Statuses.Enqueue(status);

    public int CountStates(StreamState state) => Statuses.Count(s => s.State == state);
}
