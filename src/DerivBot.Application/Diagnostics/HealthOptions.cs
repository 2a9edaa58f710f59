using DerivBot.Application.Subscriptions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Diagnostics;

/// <summary>Readiness thresholds and the store probe. Section: <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Market data counts as fresh while the market store's last successful refresh is at most this old
    /// (<c>Health:MarketDataMaxAge</c>, default 00:05:00; must be at least <c>Jobs:RefreshInterval</c>).</summary>
    public TimeSpan MarketDataMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the store probe samples the outbox depth for <c>/metrics</c>
    /// (<c>Health:ProbeInterval</c>, default 00:00:15).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A store probe slower than this counts as unreachable (<c>Health:ProbeTimeout</c>, default 00:00:05).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class HealthOptionsValidator(IOptions<JobsOptions> jobs) : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var refresh = jobs.Value.RefreshInterval;
        if (options.MarketDataMaxAge <= TimeSpan.Zero || options.MarketDataMaxAge < refresh)
        {
            errors.Add($"Health:MarketDataMaxAge must be > 00:00:00 and at least Jobs:RefreshInterval ({refresh}) (was {options.MarketDataMaxAge}).");
        }
        if (options.ProbeInterval < TimeSpan.FromSeconds(1) || options.ProbeInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"Health:ProbeInterval must be between 00:00:01 and 01:00:00 (was {options.ProbeInterval}).");
        }
        if (options.ProbeTimeout < TimeSpan.FromMilliseconds(100) || options.ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Health:ProbeTimeout must be between 00:00:00.100 and 00:01:00 (was {options.ProbeTimeout}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
