using System.Collections.Concurrent;
using DerivBot.Application.Diagnostics;
using DerivBot.Core.Chat;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord;

/// <summary>
/// Discord's connection for readiness: Starting until the gateway's READY (or RESUMED), Connected then, Disconnected
/// between a drop and the next READY/RESUMED, Stopped after a fatal close or a rejected token. Checked only when
/// <see cref="DiscordOptions.Enabled"/> and a token is set. With several shards on this instance each reports on its
/// own (<see cref="SetShard"/>) and the platform is Connected only while every one of them is: a guild on a dropped
/// shard gets no answers, so the instance is not ready.
/// </summary>
public sealed class DiscordStatus(IOptions<DiscordOptions> options, TimeProvider time)
    : ChatPlatformStatus(ChatPlatform.Discord, () => options.Value.Enabled && options.Value.HasToken, time)
{
    private readonly ConcurrentDictionary<int, (PlatformConnection Connection, string? Detail)> _shards = new();
    private readonly Lock _gate = new();

    /// <summary>Records shard <paramref name="shardId"/>'s state and sets the platform to the worst shard's state.</summary>
    public void SetShard(int shardId, PlatformConnection connection, string? detail = null)
    {
        lock (_gate)
        {
            _shards[shardId] = (connection, detail);
            if (_shards.Count == 1)
            {
                Set(connection, detail);
                return;
            }
            var worst = _shards.OrderByDescending(s => Severity(s.Value.Connection)).ThenBy(s => s.Key).First();
            var ready = _shards.Count(s => s.Value.Connection == PlatformConnection.Connected);
            Set(worst.Value.Connection, worst.Value.Connection == PlatformConnection.Connected
                ? $"{ready} shards ready"
                : $"shard {worst.Key}: {worst.Value.Detail} ({ready} of {_shards.Count} shards ready)");
        }
    }

    private static int Severity(PlatformConnection connection) => connection switch
    {
        PlatformConnection.Connected or PlatformConnection.StandingBy => 0,
        PlatformConnection.Starting => 1,
        PlatformConnection.Disconnected => 2,
        _ => 3,
    };
}
