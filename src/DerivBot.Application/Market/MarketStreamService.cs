using DerivBot.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Market;

/// <summary>
/// Runs the venue's <see cref="IMarketStream"/> into the <see cref="MarketStore"/> for the life of the host. The
/// stream reconnects by itself; this loop only restarts it (after <see cref="MarketOptions.StreamRestartDelay"/>)
/// when <c>RunAsync</c> fails outright, so one bad frame or a bug never silently ends ingestion.
/// </summary>
public sealed class MarketStreamService(
    IEnumerable<IMarketStream> streams,
    MarketStore store,
    IOptions<MarketOptions> options,
    TimeProvider time,
    ILogger<MarketStreamService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stream = streams.FirstOrDefault();
        if (stream is null)
        {
            logger.LogWarning("No market stream is registered; mark prices come from refreshes only and no liquidations are ingested");
            store.OnStatus(new StreamStatus(StreamState.Disconnected, time.GetUtcNow(), "no stream registered"));
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await stream.RunAsync(store, stoppingToken).ConfigureAwait(false);
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
                store.OnStatus(new StreamStatus(StreamState.Disconnected, time.GetUtcNow(), "stream failed: " + ex.GetType().Name));
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
}
