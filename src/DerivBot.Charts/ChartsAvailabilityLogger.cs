using DerivBot.Core.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DerivBot.Charts;

/// <summary>Probes the renderer at host start and says once, clearly, whether charts will be sent.</summary>
internal sealed class ChartsAvailabilityLogger(CairoChartRenderer renderer, ILogger<ChartsAvailabilityLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (renderer.IsAvailable)
        {
            logger.LogInformation("Charts available: cairo {CairoVersion}, font {FontFamily} (zh-TW: {FontZhTw}, zh-CN: {FontZhCn})",
                renderer.CairoVersion, renderer.FontFamily, renderer.FontFamilyFor(Language.ZhTw), renderer.FontFamilyFor(Language.ZhCn));
        }
        else
        {
            logger.LogWarning("Charts unavailable, reports will be sent as text only: {Reason}", renderer.UnavailableReason);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
