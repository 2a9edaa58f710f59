using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken) =>
        ChatFlows.MigrateAsync(_dialect, from, to, cancellationToken);
}
