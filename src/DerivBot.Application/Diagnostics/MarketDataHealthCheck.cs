using DerivBot.Application.Market;
using DerivBot.Application.Subscriptions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Diagnostics;

/// <summary>
/// Market data is fresh: the market store's last successful refresh is within <see cref="HealthOptions.MarketDataMaxAge"/>,
/// or the refresh cycle ran that recently with nothing watched (then nothing can be stale).
/// </summary>
internal sealed class MarketDataHealthCheck(MarketStore store, MarketRefreshService refresh, IOptionsMonitor<HealthOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var limit = options.CurrentValue.MarketDataMaxAge;
        var limitSeconds = Math.Round(limit.TotalSeconds);
        if (store.LastSuccessfulRefresh is { } last && now - last <= limit)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                $"{store.VenueName} refreshed {Seconds(now - last)} s ago",
                ReadinessChecks.Data((ReadinessChecks.StateKey, "ok"), (ReadinessChecks.AgeSecondsKey, Seconds(now - last)))));
        }
        if (refresh.LastIdleCycle is { } idle && now - idle <= limit)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                $"nothing watched; refresh cycle ran {Seconds(now - idle)} s ago",
                ReadinessChecks.Data((ReadinessChecks.StateKey, "idle"), (ReadinessChecks.AgeSecondsKey, Seconds(now - idle)))));
        }
        return Task.FromResult(store.LastSuccessfulRefresh is { } stale
            ? HealthCheckResult.Unhealthy(
                $"{store.VenueName}: last successful refresh {Seconds(now - stale)} s ago (limit {limitSeconds} s)",
                data: ReadinessChecks.Data((ReadinessChecks.StateKey, "stale"), (ReadinessChecks.AgeSecondsKey, Seconds(now - stale)), (ReadinessChecks.LimitSecondsKey, limitSeconds)))
            : HealthCheckResult.Unhealthy(
                $"{store.VenueName}: no successful refresh yet",
                data: ReadinessChecks.Data((ReadinessChecks.StateKey, "never"))));
    }

    private static double Seconds(TimeSpan span) => Math.Max(0, Math.Round(span.TotalSeconds));
}
