namespace DerivBot.Application.Subscriptions;

/// <summary>
/// Tells the scheduler that subscriptions changed so the digest trigger moves to the new earliest due time at once.
/// The host implements it with Quartz; without a scheduler it does nothing.
/// </summary>
public interface IScheduleNotifier
{
    Task SchedulesChangedAsync(CancellationToken cancellationToken);
}
