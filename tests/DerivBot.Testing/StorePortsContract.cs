using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Testing;

/// <summary>
/// What the contracts of the ports one database serves (<see cref="StorePorts"/>: subscriptions, alerts, chats, outbox)
/// start from: a fresh, empty database per case on a manual clock at <see cref="T0"/>, and the same chats and symbols.
/// </summary>
public abstract class StorePortsContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    protected static readonly ChatAddress Group = new(ChatPlatform.Telegram, "-1001");
    protected static readonly ChatAddress Topic = new(ChatPlatform.Telegram, "-1001", "7");
    protected static readonly ChatAddress Channel = new(ChatPlatform.Discord, "555");

    protected static readonly Symbol Btc = new("BTCUSDT");
    protected static readonly Symbol Eth = new("ETHUSDT");

    /// <summary>The ports of one fresh, empty database on <paramref name="clock"/>.</summary>
    protected abstract Task<StorePorts> CreateAsync(TimeProvider clock);

    protected async Task<(StorePorts Ports, ManualTimeProvider Clock)> NewAsync()
    {
        var clock = new ManualTimeProvider(T0);
        return (await CreateAsync(clock), clock);
    }
}
