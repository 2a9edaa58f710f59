using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Outbox;

/// <summary>
/// Sends outbox messages through each platform's <see cref="IChatSender"/> (found in DI by <see cref="IChatSender.Platform"/>)
/// with up to <see cref="OutboxOptions.MaxInFlight"/> messages in flight per platform and never two for one chat: it only
/// claims the oldest pending message of a chat (<see cref="IOutboxStore.ClaimChatHeadsAsync"/>), and that message stays
/// pending (and claimed) until its result is committed, so each chat reads its messages in order. The sender paces
/// itself (it is the only throttle); the drainer just keeps enough requests open to cover the round trip.
/// <para>
/// Several instances on one database: the claim is a row lease (claimed-by this <see cref="InstanceIdentity"/>, claimed
/// until now + <see cref="OutboxOptions.ClaimLease"/>), so another instance's drainer skips the message — and the rest of
/// its chat — until the result is recorded or the lease expires. The drainer claims only as many messages as it has free
/// slots, so claimed and in flight are the same set.
/// </para>
/// <para>
/// Crash safety: its row is marked sent after the platform accepted it, in one transaction with every other result that
/// arrived meanwhile (group commit, so the database is not one write per message). A slot is freed only after that
/// commit, so at most <see cref="OutboxOptions.MaxInFlight"/> messages per platform are ever sent-but-not-recorded: a
/// crash re-sends at most that many (after their lease expired, or at once on SQLite, which releases a previous
/// process's claims when it opens the file). <see cref="SendStatus.RetryLater"/> reschedules the
/// row, <see cref="SendStatus.ChatGone"/> and permanent failures drop it with the reason kept, a migration moves the chat.
/// </para>
/// <para>
/// Shutdown: when the host stops, no new message is claimed; messages already in flight may finish (and are recorded)
/// until the host's <c>HostOptions.ShutdownTimeout</c>; then they are abandoned, their claims given back, and they stay
/// pending for another instance or the next start.
/// </para>
/// </summary>
public sealed class OutboxDrainer : BackgroundService
{
    private readonly IOutboxStore _store;
    private readonly IReadOnlyDictionary<ChatPlatform, IChatSender> _senders;
    private readonly IChatRegistry _registry;
    private readonly OutboxSignal _signal;
    private readonly IOptionsMonitor<JobsOptions> _options;
    private readonly IOptionsMonitor<OutboxOptions> _outbox;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxDrainer> _logger;
    private readonly CancellationTokenSource _abortSends = new();
    private readonly TimeSpan _shutdownTimeout;
    private readonly string _instance;

    public OutboxDrainer(
        IOutboxStore store, IEnumerable<IChatSender> senders, IChatRegistry registry, OutboxSignal signal,
        IOptionsMonitor<JobsOptions> options, IOptionsMonitor<OutboxOptions> outbox, TimeProvider clock, ILogger<OutboxDrainer> logger,
        IOptions<HostOptions>? hostOptions = null, InstanceIdentity? instance = null)
    {
        _instance = (instance ?? new InstanceIdentity()).Id;
        _shutdownTimeout = hostOptions?.Value.ShutdownTimeout ?? new HostOptions().ShutdownTimeout;
        ArgumentNullException.ThrowIfNull(senders);
        _store = store;
        // The last registration per platform wins, as with any DI override.
        _senders = senders.GroupBy(s => s.Platform).ToDictionary(g => g.Key, g => g.Last());
        _registry = registry;
        _signal = signal;
        _options = options;
        _outbox = outbox;
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
        return Task.WhenAll(_senders.Values.Select(s => RunPlatformAsync(s, untilIdle: false, _abortSends.Token, stoppingToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The base cancels the claim loop at once; sends in flight keep going until the host's shutdown timeout
        // cancels this token, and only then are they abandoned (their rows stay pending).
        using var abort = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _abortSends);
        // The host may also stop waiting without cancelling the token: abandon the sends at its timeout either way.
        if (_shutdownTimeout != Timeout.InfiniteTimeSpan)
        {
            _abortSends.CancelAfter(_shutdownTimeout);
        }
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abortSends.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Sends every message of <paramref name="sender"/>'s platform that is due now, <see cref="OutboxOptions.MaxInFlight"/>
    /// at a time, and returns when none is due and none is in flight (one-shot workers and tests). Returns how many
    /// messages were handled (sent, dropped or rescheduled).
    /// </summary>
    public Task<int> DrainDueAsync(IChatSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return RunPlatformAsync(sender, untilIdle: true, cancellationToken, cancellationToken);
    }

    /// <summary>Handles the next due message of <paramref name="sender"/>'s platform; false when none is due.</summary>
    public async Task<bool> DrainOneAsync(IChatSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var items = await ClaimAsync(sender.Platform, _clock.GetUtcNow(), 1, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return false;
        }
        var done = await SendOneAsync(sender, items[0], cancellationToken).ConfigureAwait(false);
        if (done is null)
        {
            await _store.ReleaseClaimsAsync([items[0].Id], _instance, CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }
        await _store.CompleteAsync([done], CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    private async Task<int> RunPlatformAsync(IChatSender sender, bool untilIdle, CancellationToken sendToken, CancellationToken stop)
    {
        var inFlight = new Dictionary<long, Task<OutboxCompletion?>>();
        // When the leases of the messages in flight were last set: renewed at half the lease, so a slow send (a paced
        // platform, a long round trip) is never taken over by another instance while it is still running here.
        var leasedAt = DateTimeOffset.MaxValue;
        var handled = 0;
        var lookAgain = true;
        while (true)
        {
            var wake = _signal.Current;
            try
            {
                var max = _outbox.CurrentValue.MaxInFlight;
                if (lookAgain && !stop.IsCancellationRequested && inFlight.Count < max)
                {
                    lookAgain = false;
                    // Claim only what the free slots can take: a claimed message is invisible to other instances, so
                    // claiming more than we send would hold their chats back for nothing. Everything claimed is sent
                    // at once (it fits the free slots), so nothing claimed is ever left waiting in memory.
                    var claimedAt = _clock.GetUtcNow();
                    var heads = await ClaimAsync(sender.Platform, claimedAt, max - inFlight.Count, stop).ConfigureAwait(false);
                    if (heads.Count > 0 && claimedAt < leasedAt)
                    {
                        leasedAt = claimedAt;
                    }
                    // Our own in-flight rows are claimed by us and never come back, unless something released every
                    // claim (SQLite opened by another process): never send one twice from here.
                    foreach (var head in heads.Where(h => !inFlight.ContainsKey(h.Id)))
                    {
                        inFlight[head.Id] = SendOneAsync(sender, head, sendToken);
                    }
                }

                if (inFlight.Count == 0)
                {
                    if (untilIdle || stop.IsCancellationRequested)
                    {
                        return handled;
                    }
                    await IdleAsync(sender.Platform, wake, stop).ConfigureAwait(false);
                    lookAgain = true;
                    continue;
                }

                // Wait for a send to finish (or for new messages while slots are free), then record every result that
                // is in by now in one transaction: the group commit keeps SQLite off the critical path.
                var lease = _outbox.CurrentValue.ClaimLease;
                if (leasedAt != DateTimeOffset.MaxValue && _clock.GetUtcNow() >= leasedAt + lease / 2)
                {
                    var renewedAt = _clock.GetUtcNow();
                    await _store.ExtendClaimsAsync([.. inFlight.Keys], _instance, renewedAt + lease, CancellationToken.None).ConfigureAwait(false);
                    leasedAt = renewedAt;
                }
                var waits = new List<Task>(inFlight.Values);
                if (inFlight.Count < max && !stop.IsCancellationRequested)
                {
                    waits.Add(wake);
                }
                using var renewal = new CancellationTokenSource();
                if (leasedAt != DateTimeOffset.MaxValue)
                {
                    var untilRenewal = leasedAt + lease / 2 - _clock.GetUtcNow();
                    waits.Add(Task.Delay(untilRenewal > TimeSpan.Zero ? untilRenewal : TimeSpan.Zero, _clock, renewal.Token));
                }
                await Task.WhenAny(waits).ConfigureAwait(false);
                await renewal.CancelAsync().ConfigureAwait(false);
                if (wake.IsCompleted)
                {
                    lookAgain = true;
                }
                var finished = inFlight.Where(p => p.Value.IsCompleted).ToList();
                if (finished.Count == 0)
                {
                    continue;
                }
                var completions = new List<OutboxCompletion>(finished.Count);
                var abandoned = new List<long>();
                foreach (var (id, task) in finished)
                {
                    if (await task.ConfigureAwait(false) is { } done)
                    {
                        completions.Add(done);
                    }
                    else
                    {
                        abandoned.Add(id);
                    }
                }
                try
                {
                    // Not cancellable: what the platform accepted must be recorded even while shutting down.
                    await _store.CompleteAsync(completions, CancellationToken.None).ConfigureAwait(false);
                    if (abandoned.Count > 0)
                    {
                        // Shutting down: the next claimer need not wait for the lease.
                        await _store.ReleaseClaimsAsync(abandoned, _instance, CancellationToken.None).ConfigureAwait(false);
                    }
                }
                finally
                {
                    foreach (var (id, _) in finished)
                    {
                        inFlight.Remove(id);
                    }
                    if (inFlight.Count == 0)
                    {
                        leasedAt = DateTimeOffset.MaxValue;
                    }
                    handled += completions.Count;
                    lookAgain = true;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && inFlight.Count == 0)
            {
                return handled;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // A read was cancelled while sends are in flight: the loop above finishes them without claiming more.
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Outbox drain for {Platform} failed; retrying", sender.Platform);
                lookAgain = true;
                if (inFlight.Count == 0)
                {
                    try
                    {
                        await Task.Delay(_options.CurrentValue.OutboxPollInterval, _clock, stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return handled;
                    }
                }
            }
        }
    }

    private Task<IReadOnlyList<OutboxItem>> ClaimAsync(ChatPlatform platform, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        _store.ClaimChatHeadsAsync(platform, _instance, now, _outbox.CurrentValue.ClaimLease, limit, cancellationToken);

    /// <summary>Nothing due: sleeps until a message is enqueued, the next retry is due, or the poll interval passed.</summary>
    private async Task IdleAsync(ChatPlatform platform, Task wake, CancellationToken stop)
    {
        var poll = _options.CurrentValue.OutboxPollInterval;
        var next = await _store.GetNextAttemptAsync(platform, stop).ConfigureAwait(false);
        var wait = next is { } n ? TimeSpan.FromTicks(Math.Clamp((n - _clock.GetUtcNow()).Ticks, 0, poll.Ticks)) : poll;
        if (wait > TimeSpan.Zero)
        {
            await Task.WhenAny(wake, Task.Delay(wait, _clock, stop)).ConfigureAwait(false);
            stop.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Sends one claimed message; the result to record, or null when the send was abandoned (shutdown).</summary>
    private async Task<OutboxCompletion?> SendOneAsync(IChatSender sender, OutboxItem item, CancellationToken cancellationToken)
    {
        // Run the send off the claim loop's stack so a sender that completes synchronously cannot reorder the loop.
        await Task.Yield();
        if (!item.ChatActive)
        {
            return new OutboxCompletion(item.Id, OutboxOutcome.Dropped, _clock.GetUtcNow(), "chat inactive: " + (item.InactiveReason ?? "unknown"));
        }
        SendResult result;
        try
        {
            result = await sender.SendAsync(item.Chat, item.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            Diagnostics.DerivBotMetrics.SendError(sender.Platform);
            var attempts = item.Attempts + 1;
            if (attempts >= _options.CurrentValue.OutboxMaxAttempts)
            {
                _logger.LogError(ex, "Giving up on outbox message {Id} to {Chat} after {Attempts} attempts", item.Id, item.Chat, attempts);
                return new OutboxCompletion(item.Id, OutboxOutcome.Dropped, _clock.GetUtcNow(), "failed after " + attempts + " attempts: " + ex.GetType().Name);
            }
            var backoff = TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, item.Attempts)));
            _logger.LogWarning(ex, "Sending outbox message {Id} to {Chat} failed; retrying in {Backoff}", item.Id, item.Chat, backoff);
            return new OutboxCompletion(item.Id, OutboxOutcome.Retry, _clock.GetUtcNow() + backoff, ex.GetType().Name);
        }
        var at = _clock.GetUtcNow();
        Diagnostics.DerivBotMetrics.Sent(sender.Platform, result.Status);
        switch (result.Status)
        {
            case SendStatus.Sent:
                if (result.MigratedTo is { } moved && moved != item.Chat)
                {
                    // The sender normally moved the chat already; doing it again is a no-op, and it keeps the
                    // remaining messages of the old id pointing at the new one if it did not.
                    try
                    {
                        await _registry.MigrateAsync(item.Chat, moved, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        _logger.LogError(ex, "Moving {Chat} to {Moved} after a migration failed", item.Chat, moved);
                    }
                }
                return new OutboxCompletion(item.Id, OutboxOutcome.Sent, at);
            case SendStatus.RetryLater:
                return new OutboxCompletion(item.Id, OutboxOutcome.Retry, at + (result.RetryAfter ?? TimeSpan.FromSeconds(5)), "retry later: " + result.Detail);
            case SendStatus.ChatGone:
                return new OutboxCompletion(item.Id, OutboxOutcome.Dropped, at, "chat gone: " + result.Detail);
            default:
                _logger.LogWarning("Outbox message {Id} to {Chat} failed permanently: {Detail}", item.Id, item.Chat, result.Detail);
                return new OutboxCompletion(item.Id, OutboxOutcome.Dropped, at, "failed: " + result.Detail);
        }
    }
}
