using Microsoft.Extensions.Options;

namespace DerivBot.Discord;

/// <summary>
/// The Discord bot. Section <c>Discord</c>. The bot runs only when <see cref="BotToken"/> is set and
/// <see cref="Enabled"/> is true; otherwise one info line is logged and nothing connects.
/// </summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>Bot token from the Developer Portal. Secret: environment variable or secret file only, never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>REST base address. <value>Default https://discord.com/api/v10.</value> Tests point it at a loopback server.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>Gateway address override (ws:// or wss://, without query). Unset: taken from <c>GET /gateway/bot</c>.</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>False turns the gateway off even with a token (the host sets it for one-shot verbs). <value>Default true.</value></summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an interaction may take before we defer it (callback type 5/6) and edit the reply in later.
    /// Discord drops interactions not answered within 3 s, so this stays well below. <value>Default 1.5 s; 0.1–2.5 s.</value>
    /// </summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The URL in the required <c>User-Agent: DiscordBot (url, version)</c> header.</summary>
    public Uri UserAgentUrl { get; set; } = new("https://github.com/derivbot/derivbot");

    /// <summary>Where the hash of the last registered slash-command definitions is kept (relative to the working directory). <value>Default data/discord-commands.sha256.</value></summary>
    public string CommandHashPath { get; set; } = "data/discord-commands.sha256";

    /// <summary>
    /// The longest rate-limit wait (429 <c>retry_after</c> or an exhausted bucket) the REST client sits out before giving up
    /// with "retry later". <value>Default 30 s.</value>
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one REST attempt; an attempt that times out is retried like a 5xx (see
    /// <see cref="Rest.DiscordTransport"/>). <value>Default 15 s.</value></summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Total number of gateway shards across every instance of this bot. Unset: Discord's recommendation from
    /// <c>GET /gateway/bot</c> (<c>shards</c>), or 1 when <see cref="GatewayUrl"/> is set. Discord requires sharding from
    /// 2,500 servers (close code 4011). <value>1–100000.</value>
    /// </summary>
    public int? ShardCount { get; set; }

    /// <summary>
    /// The shards THIS instance runs, one gateway connection each: ids in [0, <see cref="ShardCount"/>), comma-separated
    /// with inclusive ranges, e.g. <c>0-3</c> on one instance and <c>4-7</c> on the other. Requires
    /// <see cref="ShardCount"/>. Unset: every shard (one instance serves them all).
    /// </summary>
    public string? ShardIds { get; set; }

    public bool HasToken => !string.IsNullOrWhiteSpace(BotToken);
}

/// <summary>Checks <see cref="DiscordOptions"/> at start; every message names the configuration key.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.ApiBaseUrl is null || !options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add("Discord:ApiBaseUrl must be an absolute http(s) URL, e.g. https://discord.com/api/v10.");
        }
        if (options.GatewayUrl is { } g && (!g.IsAbsoluteUri || g.Scheme is not ("ws" or "wss")))
        {
            errors.Add("Discord:GatewayUrl must be an absolute ws:// or wss:// URL when set.");
        }
        if (options.DeferAfter < TimeSpan.FromMilliseconds(100) || options.DeferAfter > TimeSpan.FromMilliseconds(2500))
        {
            errors.Add("Discord:DeferAfter must be between 00:00:00.1 and 00:00:02.5 (Discord drops interactions not answered within 3 s).");
        }
        if (options.UserAgentUrl is null || !options.UserAgentUrl.IsAbsoluteUri)
        {
            errors.Add("Discord:UserAgentUrl must be an absolute URL.");
        }
        if (string.IsNullOrWhiteSpace(options.CommandHashPath))
        {
            errors.Add("Discord:CommandHashPath must name a file, e.g. data/discord-commands.sha256.");
        }
        if (options.MaxRateLimitWait < TimeSpan.Zero || options.MaxRateLimitWait > TimeSpan.FromMinutes(10))
        {
            errors.Add("Discord:MaxRateLimitWait must be between 00:00:00 and 00:10:00.");
        }
        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add("Discord:RequestTimeout must be between 00:00:01 and 00:05:00.");
        }
        if (options.BotToken is { } t && t.Length > 0 && (t.Trim() != t || t.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("Discord:BotToken must be the bare token (no surrounding spaces, no \"Bot \" prefix).");
        }
        if (options.ShardCount is { } count && (count < 1 || count > Gateway.ShardIdList.MaxShards))
        {
            errors.Add($"Discord:ShardCount must be between 1 and {Gateway.ShardIdList.MaxShards} (was {count}).");
        }
        if (!string.IsNullOrWhiteSpace(options.ShardIds))
        {
            var ids = Gateway.ShardIdList.Parse(options.ShardIds, out var error);
            if (ids is null)
            {
                errors.Add($"Discord:ShardIds must list shard ids like 0-3 or 0,2,4: {error}.");
            }
            else if (options.ShardCount is not { } total)
            {
                errors.Add("Discord:ShardIds needs Discord:ShardCount (the total across all instances) to be set too.");
            }
            else if (ids.FirstOrDefault(id => id >= total, -1) is var outside and >= 0)
            {
                errors.Add($"Discord:ShardIds must be within [0, Discord:ShardCount) = [0, {total}); {outside} is not.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
