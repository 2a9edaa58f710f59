using DerivBot.Application.Subscriptions;
using Quartz;

namespace DerivBot.Host.Jobs;

/// <summary>
/// Keeps the single digest trigger at the earliest next-due time in the database (now, if that is in the past: the
/// catch-up after downtime). Called at start, after every digest run and whenever a command changes subscriptions,
/// so changes apply immediately without a restart.
/// </summary>
internal sealed class QuartzScheduleNotifier(ISchedulerFactory factory, ISubscriptionStore store, TimeProvider clock) : IScheduleNotifier, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task SchedulesChangedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
            var earliest = await store.GetEarliestDueAsync(cancellationToken).ConfigureAwait(false);
            if (earliest is not { } due)
            {
                await scheduler.UnscheduleJob(DigestJob.TriggerKey, cancellationToken).ConfigureAwait(false);
                return;
            }
            var now = clock.GetUtcNow();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(DigestJob.TriggerKey)
                .ForJob(DigestJob.Key)
                .StartAt(due > now ? due : now)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
