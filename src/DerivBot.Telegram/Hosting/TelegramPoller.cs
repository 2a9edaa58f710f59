using DerivBot.Telegram.Api;
using DerivBot.Telegram.Updates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace DerivBot.Telegram.Hosting;

/// <summary>
/// getUpdates long polling. A batch is handled (updates of one chat in order, chats in parallel) before the next call,
/// and only that next call's <c>offset</c> confirms it — so an update is never confirmed before it was handled.
/// 409 (another poller, or a webhook is set) backs off from 30 s doubling to 5 min, with ONE clear error per episode
/// (until a getUpdates succeeds again; repeats are logged at debug level so a stuck conflict does not flood the log); 5xx, timeouts
/// and network errors back off from 1 s doubling to 30 s. The HTTP timeout (poll time + RequestTimeout) is applied
/// by <see cref="TelegramApiHandler"/>.
/// On stop (SIGTERM) no new batch is fetched, but a batch already received is still handled and its replies sent —
/// bounded by <c>HostOptions.ShutdownTimeout</c> — so a user who asked just before a restart still gets the answer;
/// what is cut off is not confirmed, and Telegram delivers it again to the next start.
/// </summary>
public sealed class TelegramPoller(
    ITelegramBotClient client,
    TelegramUpdateHandler handler,
    ITelegramOffsetStore offsets,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPoller> logger,
    IOptions<Microsoft.Extensions.Hosting.HostOptions>? hostOptions = null,
    TelegramStatus? status = null)
{
    internal static readonly TimeSpan ConflictBackoffStart = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan ConflictBackoffMax = TimeSpan.FromMinutes(5);
    internal static readonly TimeSpan ErrorBackoffStart = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan ErrorBackoffMax = TimeSpan.FromSeconds(30);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var last = await offsets.GetLastHandledAsync(cancellationToken).ConfigureAwait(false);
        var conflictBackoff = ConflictBackoffStart;
        var errorBackoff = ErrorBackoffStart;
        var conflictLogged = false;
        var o = options.Value;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan? wait = null;
            try
            {
                var updates = await client.GetUpdates(checked((int?)(last + 1)), timeout: o.PollingTimeoutSeconds,
                    allowedUpdates: TelegramUpdateHandler.AllowedUpdates, cancellationToken: cancellationToken).ConfigureAwait(false);
                conflictBackoff = ConflictBackoffStart;
                errorBackoff = ErrorBackoffStart;
                status?.Set(Application.Diagnostics.PlatformConnection.Connected, "polling");
                if (conflictLogged)
                {
                    logger.LogInformation("Telegram getUpdates works again after a conflict");
                    conflictLogged = false;
                }
                var fresh = updates.Where(u => last is null || u.Id > last).OrderBy(u => u.Id).ToList();
                if (fresh.Count == 0)
                {
                    continue;
                }
                // The batch outlives a stop request by at most the host's shutdown timeout (see the class remarks).
                using var grace = new CancellationTokenSource();
                var shutdownTimeout = hostOptions?.Value.ShutdownTimeout ?? TimeSpan.FromSeconds(30);
                using var onStop = cancellationToken.Register(() => grace.CancelAfter(shutdownTimeout));
                await HandleBatchAsync(fresh, grace.Token).ConfigureAwait(false);
                last = fresh[^1].Id;
                await offsets.SetLastHandledAsync(last.Value, grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 409)
            {
                if (!conflictLogged)
                {
                    logger.LogError("Telegram getUpdates conflict ({Description}): another instance is polling with this token outside our poller lock (a different database?), or a webhook is set. Backing off from {Delay}, doubling up to {Max}; logged once until polling works again",
                        ex.Message, conflictBackoff, ConflictBackoffMax);
                    conflictLogged = true;
                }
                else
                {
                    logger.LogDebug("Telegram getUpdates conflict again; retrying in {Delay}", conflictBackoff);
                }
                wait = conflictBackoff;
                status?.Set(Application.Diagnostics.PlatformConnection.Disconnected, "getUpdates conflict (409)");
                conflictBackoff = Min(conflictBackoff * 2, ConflictBackoffMax);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                wait = ex.RetryAfter() ?? errorBackoff;
                logger.LogWarning("Telegram getUpdates rate-limited; waiting {Delay}", wait);
            }
            catch (RequestException ex)
            {
                logger.LogWarning(ex, "Telegram getUpdates failed; retrying in {Delay}", errorBackoff);
                status?.Set(Application.Diagnostics.PlatformConnection.Disconnected, "getUpdates failing");
                wait = errorBackoff;
                errorBackoff = Min(errorBackoff * 2, ErrorBackoffMax);
            }
            if (wait is { } delay)
            {
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private Task HandleBatchAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        var byChat = updates.GroupBy(u => TelegramUpdateHandler.ChatOf(u) ?? -u.Id);
        return Task.WhenAll(byChat.Select(async chat =>
        {
            foreach (var update in chat)
            {
                await HandleOneAsync(update, cancellationToken).ConfigureAwait(false);
            }
        }));
    }

    private async Task HandleOneAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(update, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A poison update must not block the queue forever: log it and count it as handled.
            logger.LogError(ex, "Telegram update {UpdateId} failed", update.Id);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
