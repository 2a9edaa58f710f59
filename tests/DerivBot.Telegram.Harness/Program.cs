using System.Collections.Concurrent;
using DerivBot.Application.Coordination;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Storage.Postgres;
using DerivBot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// usage: DerivBot.Telegram.Harness <postgres connection string> <bot api base url>; the bot token comes from the
// environment (Telegram__BotToken), as in production.
// Runs the production Telegram registration in polling mode with the PostgreSQL poller lock; every command is answered
// with "echo <arguments>". Prints "started" once the host runs. Meant to be SIGKILLed by the test.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: <postgres connection string> <bot api base url>");
    return 2;
}
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddEnvironmentVariables();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:ConnectionString"] = args[0],
    ["Storage:LeaderLockCheckInterval"] = "00:00:01",
    ["Telegram:ApiBaseUrl"] = args[1],
    ["Telegram:PollingTimeoutSeconds"] = "1",
    ["Telegram:PollerLockRetryInterval"] = "00:00:01",
});
builder.Logging.AddSimpleConsole();
builder.Services.AddOptions<PostgresStorageOptions>().Bind(builder.Configuration.GetSection(PostgresStorageOptions.Section));
builder.Services.AddOptions<PostgresLeaderLockOptions>().Bind(builder.Configuration.GetSection(PostgresStorageOptions.Section));
builder.Services.AddSingleton<ILeaderLock, PostgresLeaderLock>();
builder.Services.AddSingleton<ICommandDispatcher, EchoDispatcher>();
builder.Services.AddSingleton<IChatRegistry, MemoryRegistry>();
builder.Services.AddTelegram(builder.Configuration);
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("started");
await host.WaitForShutdownAsync();
return 0;

internal sealed class EchoDispatcher : ICommandDispatcher
{
    public IReadOnlyList<CommandInfo> Commands { get; } = [];

    public bool IsKnown(string commandName) => true;

    public Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Of(new Report(ReportKind.Info, "echo " + request.Arguments, [ParagraphBlock.Of("harness")])));
}

internal sealed class MemoryRegistry : IChatRegistry
{
    private readonly ConcurrentDictionary<ChatAddress, ChatSettings> _chats = new();

    public Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken) =>
        Task.FromResult(_chats.GetOrAdd(chat, c => new ChatSettings(c, languageHint ?? Language.En, "UTC", true)));

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken) => Task.CompletedTask;
}
