using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues;

/// <summary>
/// The primary venue's stream, silenced while another venue answers for the market store: marks and liquidations from
/// one venue must not mix into another venue's data.
/// </summary>
internal sealed class PrimaryStream(IMarketStream inner, PrimaryVenueSelector selector) : IMarketStream
{
    public string Name => inner.Name;

    public Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken) =>
        inner.RunAsync(new Filter(handler, inner.Name, selector), cancellationToken);

    private sealed class Filter(IMarketStreamHandler handler, string venue, PrimaryVenueSelector selector) : IMarketStreamHandler
    {
        private bool Active => string.Equals(selector.Name, venue, StringComparison.Ordinal);

        public void OnMarkPrices(IReadOnlyList<PremiumIndex> updates)
        {
            if (Active)
            {
                handler.OnMarkPrices(updates);
            }
        }

        public void OnLiquidation(Liquidation liquidation)
        {
            if (Active)
            {
                handler.OnLiquidation(liquidation);
            }
        }

        public void OnStatus(StreamStatus status) => handler.OnStatus(Active ? status : status with { Detail = $"{venue} is not the primary venue" });
    }
}
