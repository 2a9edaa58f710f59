using DerivBot.Core.Hosting;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Discord.Commands;
using DerivBot.Discord.Gateway;
using DerivBot.Discord.Interactions;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord;

// Expected configuration (config/appsettings.json; the token comes from the environment or a secret file):
// "Discord": {
//   "BotToken": "<secret: DERIVBOT env Discord__BotToken or /run/secrets/Discord__BotToken>",
//   "ApiBaseUrl": "https://discord.com/api/v10",
//   "GatewayUrl": null,                 // optional override of GET /gateway/bot
//   "Enabled": true,                    // the host sets false for one-shot verbs
//   "DeferAfter": "00:00:01.5",
//   "UserAgentUrl": "https://github.com/derivbot/derivbot",
//   "CommandHashPath": "data/discord-commands.sha256",
//   "MaxRateLimitWait": "00:00:30",
//   "RequestTimeout": "00:00:15",
//   "ShardCount": null,                 // total shards across instances; unset = GET /gateway/bot's "shards"
//   "ShardIds": null                    // this instance's shards, e.g. "0-3"; unset = all
// }
// The gateway clients (one per shard) are created by DiscordBotService.

/// <summary>Registers the Discord bot when Discord:BotToken is set. Section: Discord.</summary>
public static class DiscordServiceCollectionExtensions
{
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<DiscordOptions, DiscordOptionsValidator>(configuration, DiscordOptions.Section);
        services.TryAddSystemClock();

        // Transport retries (5xx, connection failures, attempt timeouts) live in this client's resilience handler.
        services.AddDiscordHttpClient();
        services.TryAddSingleton<DiscordRestClient>(sp => new DiscordRestClient(
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(DiscordTransport.HttpClientName)));
        services.TryAddSingleton<DiscordEmbedRenderer>();
        services.TryAddSingleton<IDiscordCommandHashStore, FileDiscordCommandHashStore>();
        services.TryAddSingleton<DiscordCommandRegistrar>();
        services.TryAddSingleton<DiscordInteractionHandler>(sp => new DiscordInteractionHandler(
            sp.GetRequiredService<DiscordRestClient>(),
            sp.GetRequiredService<ICommandDispatcher>(),
            sp.GetRequiredService<IChatRegistry>(),
            // Optional: without a catalog, autocomplete offers nothing and users type the symbol.
            sp.GetService<ISymbolCatalog>(),
            sp.GetRequiredService<DiscordEmbedRenderer>(),
            sp.GetRequiredService<DiscordCommandRegistrar>(),
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordInteractionHandler>>(),
            sp.GetRequiredService<ILocalizer>(), // the one localization (Strings*.resx), registered by AddCommands
            sp.GetService<IQuizBook>()));
        // Readiness: checked only when Discord runs (Enabled and a token), see DiscordStatus.
        services.TryAddSingleton<DiscordStatus>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Application.Diagnostics.IChatPlatformStatus, DiscordStatus>(sp => sp.GetRequiredService<DiscordStatus>()));
        services.TryAddSingleton<DiscordChatSender>(sp => new DiscordChatSender(
            sp.GetRequiredService<DiscordRestClient>(),
            sp.GetRequiredService<DiscordEmbedRenderer>(),
            sp.GetRequiredService<IChatRegistry>(),
            sp.GetRequiredService<ILogger<DiscordChatSender>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IQuizBook>()));
        services.AddSingleton<IChatSender>(sp => sp.GetRequiredService<DiscordChatSender>());
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}
