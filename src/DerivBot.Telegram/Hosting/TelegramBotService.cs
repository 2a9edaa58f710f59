using DerivBot.Core.Ports;
using DerivBot.Telegram.Api;
using DerivBot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram.Hosting;

/// <summary>
/// The running bot: getMe (retried until Telegram answers; we need our username), setMyCommands, then either long
/// polling (after deleteWebhook, since getUpdates is refused while a webhook is set) or the webhook endpoint plus
/// setWebhook with the secret token.
/// </summary>
public sealed class TelegramBotService(
    TelegramBotClient client,
    TelegramBotIdentity identity,
    ICommandDispatcher dispatcher,
    IServiceProvider services,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramBotService> logger) : BackgroundService
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
            var server = services.GetRequiredService<TelegramWebhookServer>();
            await server.StartAsync(stoppingToken).ConfigureAwait(false);
            await client.SendAsync(new SetWebhookRequest
            {
                Url = o.WebhookUrl!.AbsoluteUri,
                SecretToken = o.WebhookSecret,
                AllowedUpdates = TelegramUpdateHandler.AllowedUpdates,
            }, stoppingToken).ConfigureAwait(false);
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
            await client.SendAsync(new DeleteWebhookRequest { DropPendingUpdates = false }, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TelegramApiException or TelegramTransportException)
        {
            logger.LogWarning(ex, "Telegram deleteWebhook failed; polling anyway");
        }
        logger.LogInformation("Telegram: polling as @{Username}", identity.Username);
        var poller = services.GetRequiredService<TelegramPoller>();
        await poller.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    private async Task<bool> IdentifyAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                identity.Set(await client.SendAsync(new GetMeRequest(), stoppingToken).ConfigureAwait(false));
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (TelegramApiException ex) when (ex.ErrorCode is 401 or 404)
            {
                // 401/404 on getMe: the token is wrong or revoked. Retrying cannot help; say so once, clearly.
                logger.LogCritical("Telegram rejected the bot token (getMe answered {ErrorCode}); check Telegram__BotToken. Telegram is not running", ex.ErrorCode);
                return false;
            }
            catch (Exception ex) when (ex is TelegramApiException or TelegramTransportException)
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
        foreach (var request in TelegramCommandMenu.Build(dispatcher.Commands, options.Value.ChineseCommandMenu))
        {
            try
            {
                await client.SendAsync(request, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TelegramApiException or TelegramTransportException)
            {
                // The menu is a convenience; commands work without it.
                logger.LogWarning(ex, "Telegram setMyCommands ({Language}) failed", request.LanguageCode ?? "default");
            }
        }
    }
}
