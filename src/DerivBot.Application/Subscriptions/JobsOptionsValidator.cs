using Microsoft.Extensions.Options;

namespace DerivBot.Application.Subscriptions;

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
