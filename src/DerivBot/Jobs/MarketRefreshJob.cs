using DerivBot.Application.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DerivBot.Host.Jobs;

/// <summary>
/// One refresh cycle (watched symbols refreshed once each, history recorded, alerts evaluated) — in clustered mode
/// (<see cref="JobsTopology"/>) only the evaluation half, on whichever instance the clustered scheduler fired it, since
/// every instance refreshes its own data (<see cref="LocalMarketRefreshService"/>) — then a backstop for
/// digests: the digest trigger is a single one-shot trigger, and if it was ever lost (a misfire on a loaded machine
/// under an accelerated clock was seen in the demo) digests would stay silent. Digest runs are database-driven and
/// idempotent, so when the earliest due digest is overdue by more than one refresh interval this job runs them and
/// re-arms the trigger: a lost trigger costs at most one refresh interval.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class MarketRefreshJob(
    MarketRefreshService refresh,
    DigestService digests,
    ISubscriptionStore subscriptions,
    IScheduleNotifier scheduler,
    JobsTopology topology,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<MarketRefreshJob> logger) : IJob
{
    public static readonly JobKey Key = new("market-refresh", "derivbot");
    public static readonly TriggerKey TriggerKey = new("market-refresh", "derivbot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var started = clock.GetTimestamp();
            var result = topology.Clustered
                ? await refresh.EvaluateAsync(await subscriptions.GetWatchedSymbolsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
                : await refresh.RunOnceAsync(cancellationToken).ConfigureAwait(false);
            Application.Diagnostics.DerivBotMetrics.RefreshDuration(clock.GetElapsedTime(started));
            logger.LogDebug("Refresh cycle: {Symbols} symbols, {Fired} alerts, {Released} summaries", result.Watched.Count, result.AlertsFired, result.SummariesReleased);
            await RunOverdueDigestsAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task RunOverdueDigestsAsync(CancellationToken cancellationToken)
    {
        var earliest = await subscriptions.GetEarliestDueAsync(cancellationToken).ConfigureAwait(false);
        if (earliest is not { } due || clock.GetUtcNow() - due <= options.Value.RefreshInterval)
        {
            return;
        }
        logger.LogWarning("The digest trigger did not fire for a digest due at {Due}; running due digests from the refresh job", due);
        await digests.RunDueAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.SchedulesChangedAsync(cancellationToken).ConfigureAwait(false);
    }
}
