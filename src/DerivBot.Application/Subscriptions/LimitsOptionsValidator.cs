using Microsoft.Extensions.Options;

namespace DerivBot.Application.Subscriptions;

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
