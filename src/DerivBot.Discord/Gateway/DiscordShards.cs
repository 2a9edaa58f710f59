using System.Globalization;

namespace DerivBot.Discord.Gateway;

/// <summary>One gateway shard: Identify sends <c>"shard": [Id, Count]</c>; Discord routes guild <c>g</c> to shard
/// <c>(g &gt;&gt; 22) % Count</c> (DMs to shard 0).</summary>
internal readonly record struct GatewayShard(int Id, int Count)
{
    public override string ToString() => Id.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Paces Identify across this instance's shards as <c>GET /gateway/bot</c>'s <c>session_start_limit.max_concurrency</c>
/// requires (apis.md D.1: "max_concurrency identifies per 5 s"): shards share a bucket when
/// <c>shard_id % max_concurrency</c> is equal, and each bucket allows one Identify per 5 s. So with max_concurrency 1
/// shards start 5 s apart; with 16, shards 0–15 start together, then 16–31 five seconds later. Re-identifies after an
/// invalid session go through the same buckets. Resumes are not limited.
/// </summary>
internal sealed class DiscordIdentifyLimiter(int maxConcurrency, TimeProvider time)
{
    /// <summary>Discord's identify window per bucket.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly Dictionary<int, DateTimeOffset> _nextFree = [];

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    /// <summary>Waits until shard <paramref name="shardId"/> may Identify, and books its slot.</summary>
    public Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        var bucket = shardId % MaxConcurrency;
        TimeSpan wait;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var at = _nextFree.TryGetValue(bucket, out var free) && free > now ? free : now;
            _nextFree[bucket] = at + Window;
            wait = at - now;
        }
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }
}
