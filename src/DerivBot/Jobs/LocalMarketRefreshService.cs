using DerivBot.Application.Subscriptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Jobs;

/// <summary>
/// Clustered mode only: refreshes THIS instance's market data every <c>Jobs:RefreshInterval</c>. It cannot be a job of
/// the clustered scheduler, which would fire it on one instance only, while every instance answers commands (and
/// renders the digests it happens to run) from its own market store. It also learns which watched symbols have
/// liquidation rules, since each instance evaluates its own stream's liquidations. The first refresh runs at start.
/// </summary>
internal sealed class LocalMarketRefreshService(
    MarketRefreshService refresh, Application.Alerts.AlertEngine alerts, IOptionsMonitor<JobsOptions> options, TimeProvider clock, ILogger<LocalMarketRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var watched = await refresh.RefreshAsync(stoppingToken).ConfigureAwait(false);
                // This instance's streams evaluate liquidation rules as events arrive: it must know them itself.
                await alerts.TrackLiquidationRulesAsync(watched, stoppingToken).ConfigureAwait(false);
                logger.LogDebug("Local refresh: {Symbols} symbols", watched.Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Local market refresh failed");
            }
            try
            {
                await Task.Delay(options.CurrentValue.RefreshInterval, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
