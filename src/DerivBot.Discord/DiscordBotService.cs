using DerivBot.Discord.Gateway;
using DerivBot.Discord.Interactions;
using DerivBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord;

/// <summary>
/// Runs the Discord bot for the life of the host, only when a token is configured and <see cref="DiscordOptions.Enabled"/>.
/// It never brings the host down: a fatal gateway close (bad token, disallowed intents) or any unexpected failure is
/// logged and ends only the Discord part; Telegram and the jobs keep running.
/// </summary>
internal sealed class DiscordBotService(
    IServiceProvider services,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Discord bot disabled (Discord:Enabled=false)");
            return;
        }
        if (!settings.HasToken)
        {
            logger.LogInformation("Discord bot not started: Discord:BotToken is not set");
            return;
        }
        await Task.Yield();
        // Resolved only now: without a token none of the bot's dependencies are needed.
        var interactions = services.GetRequiredService<DiscordInteractionHandler>();
        try
        {
            var gatewayUrl = await GatewayUrlAsync(settings, stoppingToken).ConfigureAwait(false);
            if (gatewayUrl is null)
            {
                return;
            }
            await services.GetRequiredService<DiscordGatewayClient>().RunAsync(gatewayUrl, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (DiscordGatewayFatalException ex)
        {
            logger.LogCritical(ex, "Discord bot stopped: the gateway refused us for good. Telegram and scheduled jobs keep running");
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "Discord bot stopped after an unexpected error. Telegram and scheduled jobs keep running");
        }
        finally
        {
            await interactions.DrainAsync(DrainTimeout).ConfigureAwait(false);
        }
    }

    private async Task<Uri?> GatewayUrlAsync(DiscordOptions settings, CancellationToken stoppingToken)
    {
        if (settings.GatewayUrl is { } configured)
        {
            return configured;
        }
        var rest = services.GetRequiredService<DiscordRestClient>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await rest.GetGatewayUrlAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DiscordApiException ex) when (ex.Status == 401)
            {
                logger.LogCritical(ex, "Discord bot stopped: the bot token was rejected (check Discord:BotToken). Telegram and scheduled jobs keep running");
                services.GetService<DiscordStatus>()?.Set(Application.Diagnostics.PlatformConnection.Stopped, "token rejected");
                return null;
            }
            catch (DiscordApiException ex)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(300, 5 * Math.Pow(2, Math.Min(attempt - 1, 6))));
                logger.LogWarning(ex, "Discord gateway address unavailable; retrying in {Delay}", delay);
                await Task.Delay(ex.RetryAfter is { } r && r > delay ? r : delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
