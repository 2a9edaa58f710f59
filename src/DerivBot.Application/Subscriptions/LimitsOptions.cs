namespace DerivBot.Application.Subscriptions;

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
