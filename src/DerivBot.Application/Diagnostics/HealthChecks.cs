using DerivBot.Application.Market;
using DerivBot.Application.Subscriptions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Diagnostics;

/// <summary>
/// The readiness checks behind <c>GET /readyz</c> and <c>/health</c>. Each result carries its facts in
/// <see cref="HealthCheckResult.Data"/> (<see cref="StateKey"/> and friends) so the chat command words them in the
/// chat's language from the very same results; <see cref="HealthCheckResult.Description"/> is the English line for
/// operators.
/// </summary>
public static class ReadinessChecks
{
    /// <summary>Tag every readiness check carries.</summary>
    public const string ReadyTag = "ready";

    public const string Store = "store";
    public const string Market = "market";

    public const string StateKey = "state";
    public const string AgeSecondsKey = "ageSeconds";
    public const string LimitSecondsKey = "limitSeconds";
    public const string PendingKey = "pending";
    public const string OldestSecondsKey = "oldestSeconds";
    public const string ProviderKey = "provider";

    internal static IReadOnlyDictionary<string, object> Data(params (string Key, object? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

    internal static string OneLine(Exception ex)
    {
        var message = ex.Message.Split('\n', 2)[0].Trim();
        return ex.GetType().Name + (message.Length == 0 ? "" : ": " + (message.Length > 200 ? message[..200] + "…" : message));
    }
}

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
