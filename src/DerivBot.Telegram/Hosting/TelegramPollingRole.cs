namespace DerivBot.Telegram.Hosting;

/// <summary>What this instance is doing about getUpdates (health output and tests).</summary>
public enum TelegramPollingRole
{
    /// <summary>Not polling yet (identifying, or the first lock attempt has not answered).</summary>
    Starting,
    /// <summary>Holds the poller lock and polls.</summary>
    Polling,
    /// <summary>Another instance holds the poller lock; this one retries every <see cref="TelegramOptions.PollerLockRetryInterval"/>.
    /// Telegram is served (by the holder), so this counts as ready.</summary>
    StandingBy,
}
