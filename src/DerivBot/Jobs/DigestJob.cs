using DerivBot.Application.Subscriptions;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DerivBot.Host.Jobs;

/// <summary>Sends every due digest, then moves its own trigger to the next earliest due time.</summary>
[DisallowConcurrentExecution]
internal sealed class DigestJob(DigestService digests, IScheduleNotifier scheduler, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("digests", "derivbot");
    public static readonly TriggerKey TriggerKey = new("digests-next-due", "derivbot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await digests.RunDueAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Digest run failed");
        }
        try
        {
            await scheduler.SchedulesChangedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not schedule the next digest run");
        }
    }
}
