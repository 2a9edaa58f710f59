using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>
/// The ports one database serves together, as <see cref="SubscriptionStoreContract"/> and <see cref="AlertStoreContract"/>
/// see them: a real store is all four; the fakes are four objects on one <see cref="InMemoryStoreState"/>.
/// </summary>
public sealed record StorePorts(IChatRegistry Chats, ISubscriptionStore Subscriptions, IAlertStore Alerts, IOutboxStore Outbox)
{
    /// <summary>One real store seen through each port.</summary>
    public static StorePorts Of<T>(T store) where T : IChatRegistry, ISubscriptionStore, IAlertStore, IOutboxStore => new(store, store, store, store);

    /// <summary>The fakes on one fresh state.</summary>
    public static StorePorts InMemory(TimeProvider clock)
    {
        var state = new InMemoryStoreState(clock);
        return new StorePorts(state.Chats, new InMemorySubscriptionStore(state), new InMemoryAlertStore(state), state.Outbox);
    }
}
