using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken) =>
        ChatFlows.MigrateAsync(_dialect, from, to, cancellationToken);
}
