using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Diagnostics;

/// <summary>The store answers a read over a fresh connection (<see cref="IStoreProbe"/>); also feeds the outbox gauges.</summary>
internal sealed class StoreHealthCheck(IStoreProbe probe, IOptionsMonitor<HealthOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.ProbeTimeout);
        try
        {
            var result = await probe.ProbeAsync(timeout.Token).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var oldest = result.OldestPendingCreatedAt is { } at ? now - at : TimeSpan.Zero;
            DerivBotMetrics.Outbox(result.OutboxPending, oldest);
            return HealthCheckResult.Healthy(
                $"{result.Provider} reachable; {result.OutboxPending} outbox message(s) pending",
                ReadinessChecks.Data(
                    (ReadinessChecks.StateKey, "ok"), (ReadinessChecks.ProviderKey, result.Provider), (ReadinessChecks.PendingKey, result.OutboxPending),
                    (ReadinessChecks.OldestSecondsKey, result.OldestPendingCreatedAt is null ? null : Math.Round(oldest.TotalSeconds))));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var reason = timeout.IsCancellationRequested ? $"no answer within {options.CurrentValue.ProbeTimeout}" : ReadinessChecks.OneLine(ex);
            return HealthCheckResult.Unhealthy("store unreachable: " + reason, data: ReadinessChecks.Data((ReadinessChecks.StateKey, "unreachable")));
        }
    }
}
