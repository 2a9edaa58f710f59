using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DerivBot.Application.Diagnostics;

/// <summary>An enabled chat platform is connected, or stands by while another instance serves it.</summary>
internal sealed class ChatPlatformHealthCheck(IChatPlatformStatus status, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = status.Current;
        var state = current.Connection switch
        {
            PlatformConnection.Connected => "connected",
            PlatformConnection.StandingBy => "standby",
            PlatformConnection.Starting => "starting",
            PlatformConnection.Disconnected => "disconnected",
            _ => "stopped",
        };
        var age = current.Since is { } since ? Math.Max(0, Math.Round((time.GetUtcNow() - since).TotalSeconds)) : (double?)null;
        var description = $"{status.Platform}: {state}" + (current.Detail is { Length: > 0 } d ? $" ({d})" : "");
        var data = ReadinessChecks.Data((ReadinessChecks.StateKey, state), (ReadinessChecks.AgeSecondsKey, age));
        return Task.FromResult(current.IsReady
            ? HealthCheckResult.Healthy(description, data)
            : HealthCheckResult.Unhealthy(description, data: data));
    }
}
