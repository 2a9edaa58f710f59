using DerivBot.Application.Subscriptions;
using DerivBot.Application.Subscriptions.Ports;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Outbox;

/// <summary>
/// Sends outbox messages through each platform's <see cref="IChatSender"/> (found in DI by <see cref="IChatSender.Platform"/>),
/// one message in flight per platform: a row is marked sent only after the platform accepted it, so a crash re-sends at
/// most that one message. The sender paces itself; <see cref="SendStatus.RetryLater"/> reschedules the row,
/// <see cref="SendStatus.ChatGone"/> and permanent failures drop it with the reason kept, a migration moves the chat.
/// </summary>
public sealed class OutboxDrainer : BackgroundService
{
    private readonly IOutboxStore _store;
    private readonly IReadOnlyDictionary<ChatPlatform, IChatSender> _senders;
    private readonly IChatRegistry _registry;
    private readonly OutboxSignal _signal;
    private readonly IOptionsMonitor<JobsOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxDrainer> _logger;

    public OutboxDrainer(
        IOutboxStore store, IEnumerable<IChatSender> senders, IChatRegistry registry, OutboxSignal signal,
        IOptionsMonitor<JobsOptions> options, TimeProvider clock, ILogger<OutboxDrainer> logger)
    {
        ArgumentNullException.ThrowIfNull(senders);
        _store = store;
        // The last registration per platform wins, as with any DI override.
        _senders = senders.GroupBy(s => s.Platform).ToDictionary(g => g.Key, g => g.Last());
        _registry = registry;
        _signal = signal;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_senders.Count == 0)
        {
            _logger.LogWarning("No chat senders are registered; outbox messages stay pending until one is");
            return Task.CompletedTask;
        }
        return Task.WhenAll(_senders.Values.Select(s => RunPlatformAsync(s, stoppingToken)));
    }

    private async Task RunPlatformAsync(IChatSender sender, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wake = _signal.Current;
            try
            {
                while (await DrainOneAsync(sender, ct).ConfigureAwait(false))
                {
                }
                var poll = _options.CurrentValue.OutboxPollInterval;
                var next = await _store.GetNextAttemptAsync(sender.Platform, ct).ConfigureAwait(false);
                var wait = next is { } n ? TimeSpan.FromTicks(Math.Clamp((n - _clock.GetUtcNow()).Ticks, 0, poll.Ticks)) : poll;
                if (wait > TimeSpan.Zero)
                {
                    await Task.WhenAny(wake, Task.Delay(wait, _clock, ct)).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Outbox drain for {Platform} failed; retrying", sender.Platform);
                try
                {
                    await Task.Delay(_options.CurrentValue.OutboxPollInterval, _clock, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Handles the next due message of <paramref name="sender"/>'s platform; false when none is due.</summary>
    public async Task<bool> DrainOneAsync(IChatSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var now = _clock.GetUtcNow();
        var item = await _store.PeekNextAsync(sender.Platform, now, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return false;
        }
        if (!item.ChatActive)
        {
            await _store.MarkDroppedAsync(item.Id, "chat inactive: " + (item.InactiveReason ?? "unknown"), now, cancellationToken).ConfigureAwait(false);
            return true;
        }
        SendResult result;
        try
        {
            result = await sender.SendAsync(item.Chat, item.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var attempts = item.Attempts + 1;
            if (attempts >= _options.CurrentValue.OutboxMaxAttempts)
            {
                _logger.LogError(ex, "Giving up on outbox message {Id} to {Chat} after {Attempts} attempts", item.Id, item.Chat, attempts);
                await _store.MarkDroppedAsync(item.Id, "failed after " + attempts + " attempts: " + ex.GetType().Name, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var backoff = TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, item.Attempts)));
                _logger.LogWarning(ex, "Sending outbox message {Id} to {Chat} failed; retrying in {Backoff}", item.Id, item.Chat, backoff);
                await _store.RescheduleAsync(item.Id, _clock.GetUtcNow() + backoff, ex.GetType().Name, cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
        var at = _clock.GetUtcNow();
        switch (result.Status)
        {
            case SendStatus.Sent:
                if (result.MigratedTo is { } moved && moved != item.Chat)
                {
                    // The sender normally moved the chat already; doing it again is a no-op, and it keeps the
                    // remaining messages of the old id pointing at the new one if it did not.
                    await _registry.MigrateAsync(item.Chat, moved, cancellationToken).ConfigureAwait(false);
                }
                await _store.MarkSentAsync(item.Id, at, cancellationToken).ConfigureAwait(false);
                break;
            case SendStatus.RetryLater:
                await _store.RescheduleAsync(item.Id, at + (result.RetryAfter ?? TimeSpan.FromSeconds(5)), "retry later: " + result.Detail, cancellationToken).ConfigureAwait(false);
                break;
            case SendStatus.ChatGone:
                await _store.MarkDroppedAsync(item.Id, "chat gone: " + result.Detail, at, cancellationToken).ConfigureAwait(false);
                break;
            default:
                _logger.LogWarning("Outbox message {Id} to {Chat} failed permanently: {Detail}", item.Id, item.Chat, result.Detail);
                await _store.MarkDroppedAsync(item.Id, "failed: " + result.Detail, at, cancellationToken).ConfigureAwait(false);
                break;
        }
        return true;
    }
}
