using DerivBot.Application.Subscriptions;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DerivBot.Host.Jobs;

/// <summary>Thin adapter: one refresh cycle (watched symbols refreshed once each, history recorded, alerts evaluated).</summary>
[DisallowConcurrentExecution]
internal sealed class MarketRefreshJob(MarketRefreshService refresh, ILogger<MarketRefreshJob> logger) : IJob
{
    public static readonly JobKey Key = new("market-refresh", "derivbot");
    public static readonly TriggerKey TriggerKey = new("market-refresh", "derivbot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var result = await refresh.RunOnceAsync(cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Refresh cycle: {Symbols} symbols, {Fired} alerts, {Released} summaries", result.Watched.Count, result.AlertsFired, result.SummariesReleased);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the next start refreshes again.
        }
        catch (Exception ex)
        {
            // Never let Quartz see the exception: the next cycle simply tries again.
            logger.LogError(ex, "Refresh cycle failed");
        }
    }
}
