using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="IOutboxStore"/> must do, the SQLite store, the PostgreSQL store and
/// <see cref="InMemoryOutboxStore"/> alike: idempotent enqueue, claims of chat heads under a lease (two claimers never
/// get one message; a chat whose head is claimed yields nothing; an expired lease is taken over; completion clears the
/// claim), retries that hold their chat, and the next claimable time.
/// </summary>
public abstract class OutboxStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>Two store objects on ONE fresh, empty database (two instances); the same object twice when there is no database.</summary>
    protected abstract Task<(IOutboxStore First, IOutboxStore Second)> CreateAsync();

    protected static ChatAddress Chat(int n, ChatPlatform platform = ChatPlatform.Telegram) => new(platform, (1000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected static OutboxDraft Draft(int chat, int k, ChatPlatform platform = ChatPlatform.Telegram) =>
        new(Chat(chat, platform), OutboxKind.Digest, $"contract:{platform}:{chat}:{k}", new OutboundMessage(new Report(ReportKind.Info, $"{chat}:{k}", [ParagraphBlock.Of("body")])));

    private static async Task EnqueueAsync(IOutboxStore store, params (int Chat, int K)[] messages)
    {
        foreach (var (chat, k) in messages)
        {
            Assert.True(await store.EnqueueAsync(Draft(chat, k), T0, default));
        }
    }

    [StoreFact]
    public async Task Enqueue_SameKeyTwice_OneRow()
    {
        var (store, other) = await CreateAsync();
        Assert.True(await store.EnqueueAsync(Draft(1, 0), T0, default));
        Assert.False(await other.EnqueueAsync(Draft(1, 0), T0.AddSeconds(1), default));
        Assert.Equal(new OutboxStats(1, 0, 0), await store.GetStatsAsync(default));
    }

    [StoreFact]
    public async Task ClaimChatHeads_SeveralChats_OldestHeadFirstOnePerChatMessageIntact()
    {
        var (store, _) = await CreateAsync();
        await EnqueueAsync(store, (1, 0), (2, 0), (1, 1), (3, 0));

        var claimed = await store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 10, default);

        Assert.Equal(["1:0", "2:0", "3:0"], claimed.Select(i => i.Message.Report.Title));
        Assert.Equal(Chat(1), claimed[0].Chat);
        Assert.True(claimed[0].ChatActive);
        Assert.Equal(OutboxKind.Digest, claimed[0].Kind);
        Assert.Equal("contract:Telegram:1:0", claimed[0].IdempotencyKey);
        Assert.Equal(0, claimed[0].Attempts);
        Assert.Equal(T0, claimed[0].CreatedAt);
        Assert.Empty(await store.ClaimChatHeadsAsync(ChatPlatform.Discord, "a", T0, Lease, 10, default));
    }

    [StoreFact]
    public async Task ClaimChatHeads_ReplyEnqueuedAfterABroadcast_ClaimedFirst()
    {
        // Webhook replies go through the outbox: one must not wait behind a 10,000-chat digest round to other chats.
        var (store, _) = await CreateAsync();
        await EnqueueAsync(store, (1, 0), (2, 0), (3, 0), (4, 0));
        var reply = new OutboxDraft(Chat(9), OutboxKind.Reply, "contract:reply:9", new OutboundMessage(new Report(ReportKind.Info, "9:reply", [ParagraphBlock.Of("answer")])));
        Assert.True(await store.EnqueueAsync(reply, T0.AddSeconds(1), default));

        var claimed = await store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0.AddSeconds(1), Lease, 2, default);

        Assert.Equal(["1:0", "9:reply"], claimed.Select(i => i.Message.Report.Title).Order(StringComparer.Ordinal));
    }

    [StoreFact]
    public async Task ClaimChatHeads_LimitAndTwoClaimers_NeverTheSameMessage()
    {
        var (first, second) = await CreateAsync();
        await EnqueueAsync(first, (1, 0), (2, 0), (3, 0), (4, 0), (5, 0));

        var a = await first.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 2, default);
        var b = await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0, Lease, 10, default);
        var again = await first.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 10, default);

        Assert.Equal(["1:0", "2:0"], a.Select(i => i.Message.Report.Title));
        Assert.Equal(["3:0", "4:0", "5:0"], b.Select(i => i.Message.Report.Title));
        Assert.Empty(again);
    }

    [StoreFact]
    public async Task ClaimChatHeads_HeadClaimedByAnother_ChatYieldsNothingUntilCompleted()
    {
        var (first, second) = await CreateAsync();
        await EnqueueAsync(first, (1, 0), (1, 1));
        var head = Assert.Single(await first.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 10, default));

        Assert.Empty(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0.AddSeconds(1), Lease, 10, default));

        await first.CompleteAsync([new OutboxCompletion(head.Id, OutboxOutcome.Sent, T0.AddSeconds(2))], default);
        var next = Assert.Single(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0.AddSeconds(2), Lease, 10, default));
        Assert.Equal("1:1", next.Message.Report.Title);
    }

    [StoreFact]
    public async Task ClaimChatHeads_LeaseExpired_TakenOverByAnother()
    {
        var (first, second) = await CreateAsync();
        await EnqueueAsync(first, (1, 0));
        var held = Assert.Single(await first.ClaimChatHeadsAsync(ChatPlatform.Telegram, "dead", T0, Lease, 10, default));

        Assert.Empty(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0 + Lease - TimeSpan.FromSeconds(1), Lease, 10, default));
        var taken = Assert.Single(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0 + Lease, Lease, 10, default));

        Assert.Equal(held.Id, taken.Id);
        // The new lease runs from the takeover: the dead one's claimer cannot take it back before it ends.
        Assert.Empty(await first.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0 + Lease + TimeSpan.FromSeconds(29), Lease, 10, default));
    }

    [StoreFact]
    public async Task ReleaseClaims_OwnClaim_ClaimableAtOnceOthersClaimKept()
    {
        var (first, second) = await CreateAsync();
        await EnqueueAsync(first, (1, 0), (2, 0));
        var a = Assert.Single(await first.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 1, default));
        var b = Assert.Single(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0, Lease, 1, default));

        // "a" gives back its own claim and, by mistake, names b's message too: only its own is released.
        await first.ReleaseClaimsAsync([a.Id, b.Id], "a", default);

        var again = Assert.Single(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "c", T0.AddSeconds(1), Lease, 10, default));
        Assert.Equal(a.Id, again.Id);
    }

    [StoreFact]
    public async Task ExtendClaims_OwnClaim_StaysHiddenPastTheFirstLeaseOthersUntouched()
    {
        var (first, second) = await CreateAsync();
        await EnqueueAsync(first, (1, 0), (2, 0));
        var a = Assert.Single(await first.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 1, default));
        var b = Assert.Single(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0, Lease, 1, default));

        // "a" renews at half its lease, naming b's message too by mistake: only its own claim moves.
        await first.ExtendClaimsAsync([a.Id, b.Id], "a", T0 + Lease / 2 + Lease, default);

        var taken = Assert.Single(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "c", T0 + Lease, Lease, 10, default));
        Assert.Equal(b.Id, taken.Id);
        Assert.Empty(await second.ClaimChatHeadsAsync(ChatPlatform.Telegram, "c", T0 + Lease + Lease / 2 - TimeSpan.FromSeconds(1), Lease, 10, default));
    }

    [StoreFact]
    public async Task Complete_MixedOutcomes_RecordedRetryHoldsItsChatAndCountsAnAttempt()
    {
        var (store, _) = await CreateAsync();
        await EnqueueAsync(store, (1, 0), (2, 0), (3, 0), (3, 1));
        var heads = await store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 10, default);
        Assert.Equal(3, heads.Count);

        await store.CompleteAsync(
        [
            new OutboxCompletion(heads[0].Id, OutboxOutcome.Sent, T0),
            new OutboxCompletion(heads[1].Id, OutboxOutcome.Dropped, T0, "chat gone: 403"),
            new OutboxCompletion(heads[2].Id, OutboxOutcome.Retry, T0.AddMinutes(1), "retry later: 429"),
        ], default);

        Assert.Equal(new OutboxStats(2, 1, 1), await store.GetStatsAsync(default));
        // Chat 3's second message waits behind its rescheduled head, due or not.
        Assert.Empty(await store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0.AddSeconds(59), Lease, 10, default));
        Assert.Equal(T0.AddMinutes(1), await store.GetNextAttemptAsync(ChatPlatform.Telegram, default));
        var retried = Assert.Single(await store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0.AddMinutes(1), Lease, 10, default));
        Assert.Equal(heads[2].Id, retried.Id);
        Assert.Equal(1, retried.Attempts);
    }

    [StoreFact]
    public async Task GetNextAttempt_HeadClaimedElsewhere_WhenItsLeaseEnds()
    {
        var (first, second) = await CreateAsync();
        Assert.Null(await first.GetNextAttemptAsync(ChatPlatform.Telegram, default));
        await EnqueueAsync(first, (1, 0), (1, 1));
        Assert.Equal(T0, await second.GetNextAttemptAsync(ChatPlatform.Telegram, default));

        await first.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 10, default);

        Assert.Equal(T0 + Lease, await second.GetNextAttemptAsync(ChatPlatform.Telegram, default));
    }

    [StoreFact]
    public async Task Prune_FinishedBeforeCutoff_DeletedPendingKept()
    {
        var (store, _) = await CreateAsync();
        await EnqueueAsync(store, (1, 0), (2, 0));
        var heads = await store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 1, default);
        await store.CompleteAsync([new OutboxCompletion(heads[0].Id, OutboxOutcome.Sent, T0)], default);

        Assert.Equal(0, await store.PruneAsync(T0, default));
        Assert.Equal(1, await store.PruneAsync(T0.AddSeconds(1), default));
        Assert.Equal(new OutboxStats(1, 0, 0), await store.GetStatsAsync(default));
    }
}
