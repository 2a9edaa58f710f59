using DerivBot.Core.Ports;
using DerivBot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace DerivBot.Telegram.Hosting;

/// <summary>
/// The running bot: getMe (retried until Telegram answers; we need our username), setMyCommands, then either long
/// polling (after deleteWebhook, since getUpdates is refused while a webhook is set) by whichever instance holds the
/// poller lock (<see cref="TelegramPollingLeadership"/>), or the webhook endpoint plus setWebhook with the secret token
/// (every instance accepts updates; replies go through the shared outbox); the endpoint itself is <see cref="TelegramWebhookServer"/> on the host's shared HTTP listener. The
/// connection state goes to <see cref="TelegramStatus"/> for readiness.
/// </summary>
public sealed class TelegramBotService(
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    ICommandDispatcher dispatcher,
    IServiceProvider services,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramBotService> logger,
    TelegramStatus? status = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!await IdentifyAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }
        await PublishCommandsAsync(stoppingToken).ConfigureAwait(false);
        if (o.Mode == TelegramMode.Webhook)
        {
            await client.SetWebhook(o.WebhookUrl!.AbsoluteUri, allowedUpdates: TelegramUpdateHandler.AllowedUpdates,
                secretToken: o.WebhookSecret, cancellationToken: stoppingToken).ConfigureAwait(false);
            status?.Set(Application.Diagnostics.PlatformConnection.Connected, "webhook");
            logger.LogInformation("Telegram: webhook registered; bot @{Username} is running", identity.Username);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the webhook stays registered so Telegram queues updates until we are back.
            }
            return;
        }
        try
        {
            await client.DeleteWebhook(dropPendingUpdates: false, stoppingToken).ConfigureAwait(false);
        }
        catch (RequestException ex)
        {
            logger.LogWarning(ex, "Telegram deleteWebhook failed; polling anyway");
        }
        logger.LogInformation("Telegram: polling mode as @{Username}; only the holder of the poller lock calls getUpdates", identity.Username);
        await services.GetRequiredService<TelegramPollingLeadership>().RunAsync(stoppingToken).ConfigureAwait(false);
    }

    private async Task<bool> IdentifyAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                identity.Set(await client.GetMe(stoppingToken).ConfigureAwait(false));
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is 401 or 404)
            {
                // 401/404 on getMe: the token is wrong or revoked. Retrying cannot help; say so once, clearly.
                logger.LogCritical("Telegram rejected the bot token (getMe answered {ErrorCode}); check Telegram__BotToken. Telegram is not running", ex.ErrorCode);
                status?.Set(Application.Diagnostics.PlatformConnection.Stopped, "token rejected");
                return false;
            }
            catch (RequestException ex)
            {
                logger.LogWarning(ex, "Telegram getMe failed; retrying in {Delay}", backoff);
            }
            try
            {
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            backoff = backoff * 2 < TimeSpan.FromMinutes(1) ? backoff * 2 : TimeSpan.FromMinutes(1);
        }
        return false;
    }

    private async Task PublishCommandsAsync(CancellationToken stoppingToken)
    {
        foreach (var list in TelegramCommandMenu.Build(dispatcher.Commands, options.Value.ChineseCommandMenu))
        {
            try
            {
                await client.SetMyCommands(list.Commands, languageCode: list.LanguageCode, cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            catch (RequestException ex)
            {
                // The menu is a convenience; commands work without it.
                logger.LogWarning(ex, "Telegram setMyCommands ({Language}) failed", list.LanguageCode ?? "default");
            }
        }
    }
}
