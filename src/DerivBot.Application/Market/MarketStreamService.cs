using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Market;

/// <summary>
/// Runs every registered <see cref="IMarketStream"/> into the <see cref="MarketStore"/> for the life of the host: the
/// primary venue's mark-price + liquidation stream and the liquidation-only streams of the other venues
/// (<see cref="ILiquidationStream"/>), whose events join the same merged books. Each stream reconnects by itself; this
/// loop only restarts one (after <see cref="MarketOptions.StreamRestartDelay"/>) when <c>RunAsync</c> fails outright,
/// so one bad frame or a bug never silently ends ingestion.
/// </summary>
public sealed class MarketStreamService(
    IEnumerable<IMarketStream> streams,
    MarketStore store,
    IOptions<MarketOptions> options,
    TimeProvider time,
    ILogger<MarketStreamService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var all = streams.ToList();
        var main = all.FirstOrDefault(s => s is not ILiquidationStream);
        if (main is null)
        {
            logger.LogWarning("No market stream is registered; mark prices come from refreshes only");
            store.OnStatus(new StreamStatus(StreamState.Disconnected, time.GetUtcNow(), "no stream registered"));
        }
        var runs = all.Select(s => RunForeverAsync(s, new Diagnostics.MeteredStreamHandler(s.Name, s is ILiquidationStream ? new LiquidationOnly(store, s.Name, logger) : store, time), stoppingToken));
        return Task.WhenAll(runs);
    }

    private async Task RunForeverAsync(IMarketStream stream, IMarketStreamHandler handler, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await stream.RunAsync(handler, stoppingToken).ConfigureAwait(false);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                logger.LogWarning("Market stream {Stream} returned without being cancelled; restarting", stream.Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Market stream {Stream} failed; restarting in {Delay}", stream.Name, options.Value.StreamRestartDelay);
                handler.OnStatus(new StreamStatus(StreamState.Disconnected, time.GetUtcNow(), "stream failed: " + ex.GetType().Name));
            }

            try
            {
                await Task.Delay(options.Value.StreamRestartDelay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Liquidations into the merged books; states only to the log (the health view is the primary stream's).</summary>
    private sealed class LiquidationOnly(MarketStore store, string venue, ILogger logger) : IMarketStreamHandler
    {
        public void OnMarkPrices(IReadOnlyList<PremiumIndex> updates)
        {
            // Another venue's marks must not mix into the primary venue's data.
        }

        public void OnLiquidation(Liquidation liquidation) => store.OnLiquidation(liquidation);

        public void OnStatus(StreamStatus status) =>
            logger.LogInformation("Liquidation stream {Venue}: {State} {Detail}", venue, status.State, status.Detail);
    }
}
