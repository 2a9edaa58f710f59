using Microsoft.Extensions.Options;

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

/// <summary>Per-chat limits and alert anti-spam. Section: <c>Limits</c>.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Subscriptions per chat (<c>Limits:MaxSubscriptionsPerChat</c>, default 50).</summary>
    public int MaxSubscriptionsPerChat { get; set; } = 50;

    /// <summary>Alert rules per chat (<c>Limits:MaxAlertsPerChat</c>, default 50).</summary>
    public int MaxAlertsPerChat { get; set; } = 50;

    /// <summary>Alerts sent to one chat per rolling hour; the rest fold into one "N more alerts" message (<c>Limits:AlertsPerHour</c>, default 10).</summary>
    public int AlertsPerHour { get; set; } = 10;

    /// <summary>Cooldown of a rule when the command does not give one (<c>Limits:DefaultAlertCooldown</c>, default 00:30:00).</summary>
    public TimeSpan DefaultAlertCooldown { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest <c>/mute</c> (<c>Limits:MaxMute</c>, default 30.00:00:00).</summary>
    public TimeSpan MaxMute { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Commands one user may run per minute on any platform; the first excess command gets one "slow down"
    /// reply, the rest of the streak none (<c>Limits:CommandsPerUserPerMinute</c>, 1–1000, default 10; the older
    /// <c>Telegram:CommandsPerUserPerMinute</c> is still read when this key is not set).</summary>
    public int CommandsPerUserPerMinute { get; set; } = 10;
}

/// <summary>Validates <see cref="JobsOptions"/>; messages name the configuration key.</summary>
public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RefreshInterval <= TimeSpan.Zero || options.RefreshInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"Jobs:RefreshInterval must be > 00:00:00 and ≤ 01:00:00 (was {options.RefreshInterval}).");
        }
        if (options.MinScheduleInterval <= TimeSpan.Zero || options.MinScheduleInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"Jobs:MinScheduleInterval must be > 00:00:00 and ≤ 1.00:00:00 (was {options.MinScheduleInterval}).");
        }
        if (options.LateAfter <= TimeSpan.Zero)
        {
            errors.Add($"Jobs:LateAfter must be > 00:00:00 (was {options.LateAfter}).");
        }
        if (options.OutboxPollInterval <= TimeSpan.Zero || options.OutboxPollInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Jobs:OutboxPollInterval must be > 00:00:00 and ≤ 00:05:00 (was {options.OutboxPollInterval}).");
        }
        if (options.OutboxMaxAttempts < 1)
        {
            errors.Add($"Jobs:OutboxMaxAttempts must be ≥ 1 (was {options.OutboxMaxAttempts}).");
        }
        if (options.HistoryRetention < TimeSpan.FromDays(1))
        {
            errors.Add($"Jobs:HistoryRetention must be ≥ 1.00:00:00 (was {options.HistoryRetention}).");
        }
        if (options.OutboxRetention < TimeSpan.FromHours(1))
        {
            errors.Add($"Jobs:OutboxRetention must be ≥ 01:00:00 (was {options.OutboxRetention}).");
        }
        if (options.DigestMaxStaleness < options.RefreshInterval || options.DigestMaxStaleness > TimeSpan.FromDays(1))
        {
            errors.Add($"Jobs:DigestMaxStaleness must be ≥ Jobs:RefreshInterval ({options.RefreshInterval}) and ≤ 1.00:00:00 (was {options.DigestMaxStaleness}).");
        }
        if (options.ClusterCheckinInterval < TimeSpan.FromSeconds(1) || options.ClusterCheckinInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Jobs:ClusterCheckinInterval must be between 00:00:01 and 00:05:00 (was {options.ClusterCheckinInterval}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Validates <see cref="LimitsOptions"/>; messages name the configuration key.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxSubscriptionsPerChat is < 1 or > 10_000)
        {
            errors.Add($"Limits:MaxSubscriptionsPerChat must be 1–10000 (was {options.MaxSubscriptionsPerChat}).");
        }
        if (options.MaxAlertsPerChat is < 1 or > 10_000)
        {
            errors.Add($"Limits:MaxAlertsPerChat must be 1–10000 (was {options.MaxAlertsPerChat}).");
        }
        if (options.AlertsPerHour < 1)
        {
            errors.Add($"Limits:AlertsPerHour must be ≥ 1 (was {options.AlertsPerHour}).");
        }
        if (options.DefaultAlertCooldown < TimeSpan.Zero)
        {
            errors.Add($"Limits:DefaultAlertCooldown must be ≥ 00:00:00 (was {options.DefaultAlertCooldown}).");
        }
        if (options.MaxMute <= TimeSpan.Zero)
        {
            errors.Add($"Limits:MaxMute must be > 00:00:00 (was {options.MaxMute}).");
        }
        if (options.CommandsPerUserPerMinute is < 1 or > 1000)
        {
            errors.Add($"Limits:CommandsPerUserPerMinute must be 1–1000 (was {options.CommandsPerUserPerMinute}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
