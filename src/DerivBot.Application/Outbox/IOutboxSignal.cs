namespace DerivBot.Application.Outbox;

/// <summary>Wakes the outbox drainer when messages were enqueued, so it does not wait for its poll interval.</summary>
public interface IOutboxSignal
{
    void Notify();
}
