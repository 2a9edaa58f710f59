using System.Collections.Concurrent;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;

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
    public async Task CompleteAsync_MixedOutcomes_OneCallRecordsAll()
    {
        using var w = new World(Provider);
        for (var c = 0; c < 3; c++)
        {
            await w.Store.EnqueueAsync(Draft(c, 0), w.Clock.GetUtcNow(), default);
        }
        var heads = await w.Store.PeekChatHeadsAsync(ChatPlatform.Telegram, w.Clock.GetUtcNow(), 10, default);
        Assert.Equal(3, heads.Count);
        var now = w.Clock.GetUtcNow();
        await w.Store.CompleteAsync(
        [
            new OutboxCompletion(heads[0].Id, OutboxOutcome.Sent, now),
            new OutboxCompletion(heads[1].Id, OutboxOutcome.Dropped, now, "chat gone: 403"),
            new OutboxCompletion(heads[2].Id, OutboxOutcome.Retry, now.AddMinutes(1), "retry later: 429"),
        ], default);
        Assert.Equal(new OutboxStats(1, 1, 1), await w.Store.GetStatsAsync(default));
        Assert.Empty(await w.Store.PeekChatHeadsAsync(ChatPlatform.Telegram, now, 10, default));
        var retried = Assert.Single(await w.Store.PeekChatHeadsAsync(ChatPlatform.Telegram, now.AddMinutes(1), 10, default));
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

public sealed class SqliteParallelDrainTests : ParallelDrainTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresParallelDrainTests : ParallelDrainTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
