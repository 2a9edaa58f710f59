using System.ComponentModel.DataAnnotations;
using DerivBot.Core.Localization;

namespace DerivBot.Telegram;

/// <summary>
/// Telegram bot settings, section <c>Telegram</c>. The token is a secret: set it through the environment
/// (<c>Telegram__BotToken</c>) or a secret file, never in config/appsettings.json.
/// </summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    /// <summary>Bot token from @BotFather. Empty = Telegram does not start. Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>False turns the bot off even with a token (the host does this for one-shot verbs). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Bot API root; point it at a proxy or a local Bot API server. Default https://api.telegram.org.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Public HTTPS URL Telegram posts updates to (Webhook mode), e.g. https://bot.example.com/telegram/update.
    /// Its path is also the local route we serve.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>OBSOLETE: the webhook is served on the host's one listener, <c>Http:Listen</c> (host:port). Still accepted:
    /// when <c>Http:Listen</c> is not set, its host and port become <c>Http:Listen</c> (with a warning at start).</summary>
    public Uri? WebhookListen { get; set; }

    /// <summary>Secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token: 1–256 characters of A-Z a-z 0-9 _ -. Required in Webhook mode.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>getUpdates long-poll timeout in seconds (1–50). Default 50; the HTTP timeout is this plus <see cref="RequestTimeout"/>.</summary>
    [Range(1, 50)]
    public int PollingTimeoutSeconds { get; set; } = 50;

    /// <summary>Polling mode with several instances on one database: how often an instance standing by retries the poller
    /// lock (only its holder calls getUpdates). Also the longest a dead holder goes unreplaced once the database released
    /// its lock. Default 5 s; 1 s – 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PollerLockRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one ordinary Bot API request. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages per second to all chats together (Telegram: "about 30"): never more than this many requests in
    /// any 1 s window, counted conservatively from each request's start to 1 s after its answer. Default 30.</summary>
    [Range(1, 1000)]
    public int GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>How many messages may leave back to back on the global pacing grid (one slot every
    /// 1/<see cref="GlobalMessagesPerSecond"/> s); the 1 s window limit holds whatever the burst. Default 1 (evenly spaced).</summary>
    [Range(1, 100)]
    public int GlobalBurst { get; set; } = 1;

    /// <summary>Sustained messages per second to one chat (Telegram: "avoid more than one per second"). Default 1.</summary>
    [Range(0.01, 30.0)]
    public double ChatMessagesPerSecond { get; set; } = 1;

    /// <summary>Short burst allowed to one chat (e.g. a reply split into parts). Default 3.</summary>
    [Range(1, 20)]
    public int ChatBurst { get; set; } = 3;

    /// <summary>Messages per minute to one group, supergroup or channel (Telegram: 20). Default 20.</summary>
    [Range(1, 1000)]
    public int GroupMessagesPerMinute { get; set; } = 20;

    /// <summary>Burst to one group inside its per-minute limit; the rest of the minute refills at (limit − burst)/60 s. Default 3.</summary>
    [Range(1, 20)]
    public int GroupBurst { get; set; } = 3;

    /// <summary>A 429 on a private chat holds ALL chats when at least this many messages left in the preceding second
    /// (then the global limit is the likely cause); otherwise only that chat is held. Default 10.</summary>
    [Range(1, 1000)]
    public int GlobalHoldAfterSends { get; set; } = 10;

    /// <summary>How often one message is retried after 429s before the sender reports RetryLater. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>Retries of one request after a 5xx, a timeout or a network error (backoff 1 s, 2 s, 4 s …). Default 3.</summary>
    [Range(0, 10)]
    public int MaxTransientRetries { get; set; } = 3;

    /// <summary>How long a getChatMember admin answer is reused. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AdminCacheDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Which Chinese the command menu uses for clients whose language is <c>zh</c>
    /// (setMyCommands only takes two-letter codes, so one Chinese list serves both scripts). Default zh-TW.</summary>
    public Language ChineseCommandMenu { get; set; } = Language.ZhTw;
}
