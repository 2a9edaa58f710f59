using DerivBot.Core.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DerivBot.Charts;

/// <summary>Checks the renderer at host start and says once, clearly, whether charts will be sent and with which fonts.</summary>
internal sealed class ChartsAvailabilityLogger(SkiaChartRenderer renderer, ILogger<ChartsAvailabilityLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (renderer.IsAvailable)
        {
            logger.LogInformation("Charts available: SkiaSharp (Skia {SkiaVersion}), font {FontFamily} (zh-TW: {FontZhTw}, zh-CN: {FontZhCn}){FontNotes}",
                renderer.NativeVersion, renderer.FontFamily, renderer.FontFamilyFor(Language.ZhTw), renderer.FontFamilyFor(Language.ZhCn),
                renderer.FontNotes is null ? "" : "; " + renderer.FontNotes);
        }
        else
        {
            logger.LogWarning("Charts unavailable, reports will be sent as text only: {Reason}", renderer.UnavailableReason);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
