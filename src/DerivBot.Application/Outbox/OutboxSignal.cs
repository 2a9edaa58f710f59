
namespace DerivBot.Application.Outbox;

/// <summary>
/// A broadcast wake-up for the drainer loops (one per platform). Take <see cref="Current"/> BEFORE looking at the
/// store: a notification that arrives while you look completes the task you already hold, so it is never missed.
/// </summary>
public sealed class OutboxSignal : IOutboxSignal
{
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Current => Volatile.Read(ref _current).Task;

    public void Notify()
    {
        var previous = Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
