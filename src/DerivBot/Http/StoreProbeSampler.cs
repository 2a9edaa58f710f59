using DerivBot.Application.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Http;

/// <summary>
/// Samples the store probe every <see cref="HealthOptions.ProbeInterval"/> so the outbox gauges of <c>/metrics</c>
/// move between scrapes (the probe records them; <c>/readyz</c> runs it too).
/// </summary>
internal sealed class StoreProbeSampler(HealthCheckService health, IOptionsMonitor<HealthOptions> options, TimeProvider time, ILogger<StoreProbeSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await health.CheckHealthAsync(r => r.Name == ReadinessChecks.Store, stoppingToken).ConfigureAwait(false);
                if (report.Status == HealthStatus.Unhealthy)
                {
                    logger.LogWarning("Store probe: {Description}", report.Entries.Values.FirstOrDefault().Description);
                }
                await Task.Delay(options.CurrentValue.ProbeInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
