using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task MuteAsync(ChatAddress chat, Symbol? symbol, DateTimeOffset until, CancellationToken cancellationToken) =>
        MuteFlows.MuteAsync(_dialect, chat, symbol, until, cancellationToken);

    public Task<int> UnmuteAsync(ChatAddress chat, Symbol? symbol, CancellationToken cancellationToken) =>
        MuteFlows.UnmuteAsync(_dialect, chat, symbol, cancellationToken);

    public Task<IReadOnlyList<Mute>> ListMutesAsync(ChatAddress chat, DateTimeOffset now, CancellationToken cancellationToken) =>
        MuteFlows.ListAsync(_dialect, chat, now, cancellationToken);
}
