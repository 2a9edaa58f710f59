namespace DerivBot.Application.Subscriptions;

/// <summary>Scheduling of refreshes, digests and the outbox. Section: <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often the watched symbols are refreshed and alerts evaluated (<c>Jobs:RefreshInterval</c>, default 00:01:00).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The shortest schedule a subscription may have (<c>Jobs:MinScheduleInterval</c>, default 00:15:00; operators may lower it).</summary>
    public TimeSpan MinScheduleInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A digest sent this long after its due time is marked late (<c>Jobs:LateAfter</c>, default 00:05:00).</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the outbox drainer looks for due messages when nobody woke it (<c>Jobs:OutboxPollInterval</c>, default 00:00:05).</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Give up on a message after this many failed attempts (<c>Jobs:OutboxMaxAttempts</c>, default 8).</summary>
    public int OutboxMaxAttempts { get; set; } = 8;

    /// <summary>How long the bot keeps its own funding/OI/long-short history (<c>Jobs:HistoryRetention</c>, default 90.00:00:00).</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long sent and dropped outbox rows are kept for inspection (<c>Jobs:OutboxRetention</c>, default 7.00:00:00).</summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A digest is not sent when its symbol's newest market data is older than this (<c>Jobs:DigestMaxStaleness</c>,
    /// default 00:10:00, at least <c>Jobs:RefreshInterval</c>, at most 1.00:00:00): it is retried within its slot and
    /// skipped, with one short notice per outage, if the data does not recover in time.
    /// </summary>
    public TimeSpan DigestMaxStaleness { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// With <c>Storage:Provider</c> = <c>Postgres</c> the scheduler is Quartz's clustered job store on the shared database:
    /// how often each instance checks in (<c>Jobs:ClusterCheckinInterval</c>, default 00:00:20, 00:00:01–00:05:00). An
    /// instance that missed its check-in by this much more is presumed dead and its triggers recover on the others, so
    /// a dead instance's digests and alert evaluations move within about twice this. Unused with SQLite.
    /// </summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(20);
}
