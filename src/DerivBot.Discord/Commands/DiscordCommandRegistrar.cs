using DerivBot.Core.Ports;
using DerivBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace DerivBot.Discord.Commands;

/// <summary>Registers the global slash commands once per change of their definition (hash kept in <see cref="IDiscordCommandHashStore"/>).</summary>
internal sealed class DiscordCommandRegistrar(
    DiscordRestClient rest,
    ICommandDispatcher dispatcher,
    IDiscordCommandHashStore store,
    ILogger<DiscordCommandRegistrar> logger)
{
    /// <summary>True when the commands were sent, false when they were unchanged or the call failed (logged).</summary>
    public async Task<bool> EnsureRegisteredAsync(string applicationId, CancellationToken cancellationToken)
    {
        var definitions = DiscordCommandDefinitions.Build(dispatcher.Commands);
        var json = definitions.ToJsonString();
        var hash = DiscordCommandDefinitions.Hash(applicationId, json);
        try
        {
            if (string.Equals(await store.ReadAsync(cancellationToken).ConfigureAwait(false), hash, StringComparison.OrdinalIgnoreCase))
            {
                logger.LogInformation("Discord slash commands unchanged ({Count}); not re-registering", definitions.Count);
                return false;
            }
            await rest.SendAsync(DiscordRoute.BulkOverwriteGlobalCommands(applicationId), definitions, null, cancellationToken).ConfigureAwait(false);
            await store.WriteAsync(hash, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Discord slash commands registered ({Count})", definitions.Count);
            return true;
        }
        catch (DiscordApiException ex)
        {
            // The bot still answers the commands Discord already has; the next start tries again.
            logger.LogError(ex, "Discord slash-command registration failed");
            return false;
        }
        catch (IOException ex)
        {
            logger.LogError(ex, "Discord command hash file could not be read or written");
            return false;
        }
    }
}
