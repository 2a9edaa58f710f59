using System.Collections.Concurrent;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Storage.Tests;

/// <summary>The drainer with several messages in flight: per-chat order, the in-flight bound, retries that hold a chat.</summary>
public abstract class ParallelDrainTests
{
    protected abstract StoreProvider Provider { get; }

    [StoreFact(Timeout = 60_000)]
    public async Task DrainDue_ManyChatsSeveralMessagesEach_ParallelAcrossChatsInOrderWithinEach()
    {
        using var w = new World(Provider);
        const int chats = 40, perChat = 5;
        // Interleaved: message k of every chat before message k + 1 of any, as repeated broadcasts would be.
        for (var k = 0; k < perChat; k++)
        {
            for (var c = 0; c < chats; c++)
            {
                await w.Store.EnqueueAsync(Draft(c, k), w.Clock.GetUtcNow(), default);
            }
        }
        var sender = new SlowSender(ChatPlatform.Telegram);

        var handled = await w.Drainer(maxInFlight: 6, sender).DrainDueAsync(sender, default);

        Assert.Equal(chats * perChat, handled);
        Assert.Equal(new OutboxStats(0, chats * perChat, 0), await w.Store.GetStatsAsync(default));
        for (var c = 0; c < chats; c++)
        {
            var got = sender.Received.Where(r => r.Chat == c.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(r => r.Title).ToList();
            Assert.Equal(Enumerable.Range(0, perChat).Select(k => $"{c}:{k}"), got);
        }
        Assert.Equal(1, sender.MaxPerChat);
        Assert.InRange(sender.MaxTotal, 2, 6);
    }

    [StoreFact(Timeout = 60_000)]
    public async Task DrainDue_FirstMessageOfAChatRetriesLater_LaterMessagesWaitForIt()
    {
        using var w = new World(Provider);
        for (var k = 0; k < 3; k++)
        {
            await w.Store.EnqueueAsync(Draft(1, k), w.Clock.GetUtcNow(), default);
            await w.Store.EnqueueAsync(Draft(2, k), w.Clock.GetUtcNow(), default);
        }
        var limited = true;
        var sender = new SlowSender(ChatPlatform.Telegram)
        {
            Respond = title => title == "1:0" && limited ? new SendResult(SendStatus.RetryLater, "429", TimeSpan.FromSeconds(30)) : SendResult.Ok(),
        };
        var drainer = w.Drainer(maxInFlight: 4, sender);

        await drainer.DrainDueAsync(sender, default);

        // Chat 2 got everything; chat 1 nothing after its held first message.
        Assert.Equal(["2:0", "2:1", "2:2"], sender.Received.Where(r => r.Chat == "2").Select(r => r.Title));
        Assert.DoesNotContain(sender.Received, r => r.Chat == "1");
        Assert.Equal(3, (await w.Store.GetStatsAsync(default)).Pending);

        limited = false;
        w.Clock.Advance(TimeSpan.FromSeconds(31));
        await drainer.DrainDueAsync(sender, default);
        Assert.Equal(["1:0", "1:1", "1:2"], sender.Received.Where(r => r.Chat == "1").Select(r => r.Title));
        Assert.Equal(new OutboxStats(0, 6, 0), await w.Store.GetStatsAsync(default));
    }

    [StoreFact(Timeout = 60_000)]
    public async Task DrainDue_TwoInstancesOnOneDatabase_EachMessageOnceInOrderPerChat()
    {
        using var w = new World(Provider);
        const int chats = 30, perChat = 4;
        for (var k = 0; k < perChat; k++)
        {
            for (var c = 0; c < chats; c++)
            {
                await w.Store.EnqueueAsync(Draft(c, k), w.Clock.GetUtcNow(), default);
            }
        }
        // One sender records both instances' sends, so per-chat overlap across instances is seen too.
        var sender = new SlowSender(ChatPlatform.Telegram);
        var outbox = new FixedOptions<OutboxOptions>(new OutboxOptions { MaxInFlight = 4 });
        // Two store objects on the one database, opened (and migrated) before either drains.
        var stores = new[] { w.Storage.OpenStore(w.Clock), w.Storage.OpenStore(w.Clock) };
        foreach (var store in stores)
        {
            await store.GetStatsAsync(default);
        }
        OutboxDrainer Instance(int i) => new(stores[i], [sender], w.Store, new OutboxSignal(), w.Jobs, outbox, w.Clock,
            NullLogger<OutboxDrainer>.Instance, instance: new InstanceIdentity("instance-" + i));

        var handled = await Task.WhenAll(Instance(0).DrainDueAsync(sender, default), Instance(1).DrainDueAsync(sender, default));

        Assert.Equal(chats * perChat, handled.Sum());
        Assert.Equal(chats * perChat, sender.Received.Count);
        Assert.Equal(1, sender.MaxPerChat);
        for (var c = 0; c < chats; c++)
        {
            var got = sender.Received.Where(r => r.Chat == c.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(r => r.Title).ToList();
            Assert.Equal(Enumerable.Range(0, perChat).Select(k => $"{c}:{k}"), got);
        }
        Assert.Equal(new OutboxStats(0, chats * perChat, 0), await w.Store.GetStatsAsync(default));
    }

    [StoreFact(Timeout = 60_000)]
    public async Task CompleteAsync_MixedOutcomes_OneCallRecordsAll()
    {
        using var w = new World(Provider);
        for (var c = 0; c < 3; c++)
        {
            await w.Store.EnqueueAsync(Draft(c, 0), w.Clock.GetUtcNow(), default);
        }
        var heads = await w.Store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "test", w.Clock.GetUtcNow(), TimeSpan.FromSeconds(30), 10, default);
        Assert.Equal(3, heads.Count);
        var now = w.Clock.GetUtcNow();
        await w.Store.CompleteAsync(
        [
            new OutboxCompletion(heads[0].Id, OutboxOutcome.Sent, now),
            new OutboxCompletion(heads[1].Id, OutboxOutcome.Dropped, now, "chat gone: 403"),
            new OutboxCompletion(heads[2].Id, OutboxOutcome.Retry, now.AddMinutes(1), "retry later: 429"),
        ], default);
        Assert.Equal(new OutboxStats(1, 1, 1), await w.Store.GetStatsAsync(default));
        Assert.Empty(await w.Store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "test", now, TimeSpan.FromSeconds(30), 10, default));
        var retried = Assert.Single(await w.Store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "test", now.AddMinutes(1), TimeSpan.FromSeconds(30), 10, default));
        Assert.Equal(1, retried.Attempts);
    }

    private static OutboxDraft Draft(int chat, int k) =>
        new(World.Telegram(chat), OutboxKind.Digest, $"m:{chat}:{k}", new OutboundMessage(new Report(ReportKind.Info, $"{chat}:{k}", [])));

    /// <summary>Takes a few milliseconds per send (real time) and records how many sends overlap, in all and per chat.</summary>
    private sealed class SlowSender(ChatPlatform platform) : IChatSender
    {
        private readonly ConcurrentDictionary<string, int> _perChat = new();
        private int _total;
        private int _maxTotal;
        private int _maxPerChat;

        public ChatPlatform Platform => platform;

        public Func<string, SendResult> Respond { get; set; } = _ => SendResult.Ok();

        public ConcurrentQueue<(string Chat, string Title)> Received { get; } = new();

        public int MaxTotal => Volatile.Read(ref _maxTotal);

        public int MaxPerChat => Volatile.Read(ref _maxPerChat);

        public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
        {
            var total = Interlocked.Increment(ref _total);
            var chat = _perChat.AddOrUpdate(to.ChatId, 1, (_, n) => n + 1);
            Max(ref _maxTotal, total);
            Max(ref _maxPerChat, chat);
            try
            {
                await Task.Delay(Random.Shared.Next(1, 8), cancellationToken);
                var result = Respond(message.Report.Title);
                if (result.Status == SendStatus.Sent)
                {
                    Received.Enqueue((to.ChatId, message.Report.Title));
                }
                return result;
            }
            finally
            {
                _perChat.AddOrUpdate(to.ChatId, 0, (_, n) => n - 1);
                Interlocked.Decrement(ref _total);
            }
        }

        private static void Max(ref int field, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen)
            {
            }
        }
    }
}

/// <summary>A send that outlives half its lease keeps its claim: the drainer renews it, so no other instance takes it over.</summary>
public sealed class ClaimRenewalTests
{
    [Fact(Timeout = 60_000)]
    public async Task Drain_SendRunsPastHalfTheLease_ClaimRenewedNotTakenOver()
    {
        var t0 = new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(t0);
        var store = new InMemoryOutboxStore();
        await store.EnqueueAsync(new OutboxDraft(World.Telegram(1), OutboxKind.Digest, "k1", new OutboundMessage(new Report(ReportKind.Info, "slow", []))), t0, default);
        var release = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new GatedSender(release.Task);
        using var registry = new World(StoreProvider.Sqlite);
        var drainer = new OutboxDrainer(store, [sender], registry.Store, new OutboxSignal(), new FixedOptions<Application.Subscriptions.JobsOptions>(new()),
            new FixedOptions<OutboxOptions>(new OutboxOptions { ClaimLease = TimeSpan.FromSeconds(30) }), clock, NullLogger<OutboxDrainer>.Instance, instance: new InstanceIdentity("a"));

        var drain = drainer.DrainDueAsync(sender, default);
        await TestTimeouts.WaitUntilAsync(() => sender.Started && clock.PendingTimers > 0, TimeSpan.FromSeconds(20), "the send to start and the drainer to wait");
        Assert.Equal(t0.AddSeconds(30), store.ClaimedUntil(1));

        clock.Advance(TimeSpan.FromSeconds(16));
        // The drainer's 15 s wait is relative: if it read the manual clock just before the advance above and started
        // the wait just after it, the wait ends later on this clock. Step on a second at a time (never past the lease
        // by more than a second) until the renewal lands; with a real clock that gap is microseconds.
        var original = t0.AddSeconds(30);
        for (var step = 0; step < 16 && store.ClaimedUntil(1) == original; step++)
        {
            await Task.Delay(100);
            if (store.ClaimedUntil(1) == original)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        await TestTimeouts.WaitUntilAsync(() => store.ClaimedUntil(1) != original, TimeSpan.FromSeconds(20), "the claim to be renewed");
        var renewedUntil = store.ClaimedUntil(1)!.Value;
        // Renewed for a whole lease from the renewal, which may read the clock at t0 + 15 s exactly: Advance stops the
        // clock at each timer's due time while that timer fires (seen in a fresh-clone CI run).
        Assert.InRange(renewedUntil, t0.AddSeconds(45), t0.AddSeconds(62));
        Assert.Empty(await store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", renewedUntil.AddSeconds(-1), TimeSpan.FromSeconds(30), 10, default));

        release.SetResult(SendResult.Ok());
        Assert.Equal(1, await drain);
        Assert.Equal(new OutboxStats(0, 1, 0), await store.GetStatsAsync(default));
        Assert.Null(store.ClaimedUntil(1));
    }

    private sealed class GatedSender(Task<SendResult> gate) : IChatSender
    {
        private int _started;

        public bool Started => Volatile.Read(ref _started) == 1;
        public ChatPlatform Platform => ChatPlatform.Telegram;

        public Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
        {
            Volatile.Write(ref _started, 1);
            return gate;
        }
    }
}

public sealed class SqliteParallelDrainTests : ParallelDrainTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresParallelDrainTests : ParallelDrainTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
