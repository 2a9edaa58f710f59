namespace DerivBot.Discord.Rest;

/// <summary>What <c>GET /gateway/bot</c> says: where to connect, how many shards Discord recommends, and how many
/// shards may Identify per 5 s (<c>session_start_limit.max_concurrency</c>).</summary>
public sealed record GatewayBotInfo(Uri Url, int Shards, int MaxConcurrency);
