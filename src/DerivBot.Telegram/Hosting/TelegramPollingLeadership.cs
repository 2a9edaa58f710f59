using System.Globalization;
using DerivBot.Application.Coordination;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram.Hosting;

/// <summary>
/// Exactly one getUpdates poller per bot and database: only the holder of the <see cref="ILeaderLock"/> named
/// <c>telegram-poller:&lt;bot id&gt;</c> polls (Telegram answers two concurrent pollers with 409s). The others stand by,
/// retrying every <see cref="TelegramOptions.PollerLockRetryInterval"/>, so when the holder dies (its PostgreSQL session
/// ends and the server releases the lock) one of them polls within that interval. A holder that loses the lock stops
/// polling at once: the batch it already received is still handled (see <see cref="TelegramPoller"/>), but no new one is
/// fetched, so two instances never handle the same batch because of a hand-over.
/// </summary>
public sealed class TelegramPollingLeadership(
    ILeaderLock locks,
    TelegramPoller poller,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingLeadership> logger,
    TelegramStatus? status = null)
{
    private volatile TelegramPollingRole _role = TelegramPollingRole.Starting;

    public TelegramPollingRole Role => _role;

    /// <summary>The lock name: one poller per bot (the bot id is the public part of the token, before the colon).</summary>
    public string LockName { get; } = "telegram-poller:" + BotId(options.Value.BotToken);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var retry = options.Value.PollerLockRetryInterval;
        var standbyLogged = false;
        var unreachableLogged = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            ILeaderLease? lease;
            try
            {
                lease = await locks.TryAcquireAsync(LockName, stoppingToken).ConfigureAwait(false);
                unreachableLogged = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Without the store nobody can prove they are the only poller: stand by rather than risk two.
                if (!unreachableLogged)
                {
                    logger.LogWarning(ex, "Telegram: cannot take the poller lock (store unreachable); not polling, retrying every {Interval}", retry);
                    unreachableLogged = true;
                }
                lease = null;
                status?.Set(Application.Diagnostics.PlatformConnection.Disconnected, "poller lock unreachable");
            }
            if (lease is null)
            {
                _role = TelegramPollingRole.StandingBy;
                if (!unreachableLogged)
                {
                    // Another instance polls: Telegram is served, so this instance is ready (see /readyz).
                    status?.Set(Application.Diagnostics.PlatformConnection.StandingBy, "another instance polls");
                }
                if (!standbyLogged && !unreachableLogged)
                {
                    logger.LogInformation("Telegram: another instance is polling; standing by (retrying the poller lock every {Interval})", retry);
                    standbyLogged = true;
                }
                try
                {
                    await Task.Delay(retry, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            standbyLogged = false;
            await using (lease.ConfigureAwait(false))
            {
                _role = TelegramPollingRole.Polling;
                logger.LogInformation("Telegram: took the poller lock; polling");
                using var guard = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                await poller.RunAsync(guard.Token).ConfigureAwait(false);
                if (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Telegram: lost the poller lock (the store connection failed or was closed); stopped polling after the current batch, standing by");
                }
            }
            _role = TelegramPollingRole.StandingBy;
            // Give the stand-bys the first go: retrying at once on a flapping connection would keep grabbing it back.
            try
            {
                await Task.Delay(retry, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal static string BotId(string? token)
    {
        var colon = token?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? token![..colon] : "0";
    }
}
