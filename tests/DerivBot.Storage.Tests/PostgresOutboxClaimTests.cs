using System.Collections.Concurrent;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Reports;
using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Npgsql;

namespace DerivBot.Storage.Tests;

/// <summary>
/// Outbox claims on PostgreSQL with two instances (two store objects with their own connection pools and instance ids
/// on one database): claimers racing in parallel never get the same row, a claimed head hides its chat, an expired
/// lease is taken over, only the holder releases its claim.
/// </summary>
public sealed class PostgresOutboxClaimTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static async Task<(PostgresDatabase A, PostgresDatabase B)> DatabasesAsync(CancellationToken ct)
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync(ct);
        var a = PostgresDatabase.ForConnectionString(connectionString);
        var b = PostgresDatabase.ForConnectionString(connectionString);
        await Task.WhenAll(a.MigrateAsync(ct), b.MigrateAsync(ct));
        return (a, b);
    }

    /// <summary>Rows written the way the store writes them, <paramref name="perChat"/> per chat, interleaved across chats.</summary>
    private static async Task InsertAsync(PostgresDatabase database, int chats, int perChat, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var report = ReportJson.Serialize(new Report(ReportKind.Info, "t", [ParagraphBlock.Of("body")]));
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO chats (platform, chat_id, created_at, updated_at)
            SELECT 'Telegram', (1000 + n)::text, 0, 0 FROM generate_series(0, @chats - 1) n;
            INSERT INTO outbox (chat_key, kind, idempotency_key, report_json, status, attempts, created_at, next_attempt_at)
            SELECT ch.id, 0, 'k:' || ch.chat_id || ':' || k, @report, 0, 0, @t0, @t0
            FROM generate_series(0, @perChat - 1) k CROSS JOIN chats ch
            ORDER BY k, ch.id;
            """, c);
        cmd.Parameters.AddWithValue("chats", chats);
        cmd.Parameters.AddWithValue("perChat", perChat);
        cmd.Parameters.AddWithValue("report", report);
        cmd.Parameters.AddWithValue("t0", T0.ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [PostgresFact]
    public async Task ClaimChatHeads_EightClaimersOnTwoInstances_EveryHeadExactlyOnce()
    {
        using var timeout = TestTimeouts.NetworkToken();
        var (da, db) = await DatabasesAsync(timeout.Token);
        await using var _a = da;
        await using var _b = db;
        await InsertAsync(da, chats: 300, perChat: 2, timeout.Token);
        var stores = new[] { new PostgresStore(da, TimeProvider.System), new PostgresStore(db, TimeProvider.System) };
        var claimed = new ConcurrentBag<(string By, long Id, string Chat)>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var by = (i % 2 == 0 ? "a" : "b") + i;
            while (true)
            {
                var items = await stores[i % 2].ClaimChatHeadsAsync(ChatPlatform.Telegram, by, T0, Lease, 7, timeout.Token);
                if (items.Count == 0)
                {
                    return;
                }
                foreach (var item in items)
                {
                    claimed.Add((by, item.Id, item.Chat.ChatId));
                }
            }
        })));

        // One head per chat (the second message waits behind its claimed head), none twice, by several claimers.
        Assert.Equal(300, claimed.Count);
        Assert.Equal(300, claimed.Select(x => x.Id).Distinct().Count());
        Assert.Equal(300, claimed.Select(x => x.Chat).Distinct().Count());
        Assert.True(claimed.Select(x => x.By).Distinct().Count() > 1, "only one claimer got work");
    }

    [PostgresFact]
    public async Task ClaimChatHeads_ExpiredLease_TakenOverByTheOtherInstanceReleaseOnlyByHolder()
    {
        using var timeout = TestTimeouts.NetworkToken();
        var (da, db) = await DatabasesAsync(timeout.Token);
        await using var _a = da;
        await using var _b = db;
        await InsertAsync(da, chats: 2, perChat: 2, timeout.Token);
        var a = new PostgresStore(da, TimeProvider.System);
        var b = new PostgresStore(db, TimeProvider.System);

        var held = await a.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a", T0, Lease, 1, default);
        var other = Assert.Single(await b.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0, Lease, 10, default));
        Assert.NotEqual(Assert.Single(held).Chat, other.Chat);
        Assert.Empty(await b.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0 + Lease - TimeSpan.FromMilliseconds(1), Lease, 10, default));

        // b names a's message too: only its own claim goes.
        await b.ReleaseClaimsAsync([held[0].Id, other.Id], "b", default);
        var again = Assert.Single(await a.ClaimChatHeadsAsync(ChatPlatform.Telegram, "a2", T0.AddSeconds(1), Lease, 10, default));
        Assert.Equal(other.Id, again.Id);

        // a dies holding its first claim: after the lease b takes it over.
        var taken = Assert.Single(await b.ClaimChatHeadsAsync(ChatPlatform.Telegram, "b", T0 + Lease, Lease, 10, default));
        Assert.Equal(held[0].Id, taken.Id);
        Assert.Equal("t", taken.Message.Report.Title);
        Assert.True(taken.ChatActive);
    }
}
