using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DerivBot.Telegram.Hosting;

/// <summary>Stands in for the bot when Telegram does not run (no token, or Telegram:Enabled=false): one line at start
/// says why, nothing else runs.</summary>
internal sealed class TelegramNotStartedNotice(ILogger logger, bool enabled) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (enabled)
        {
            logger.LogInformation("Telegram: no token configured, not starting");
        }
        else
        {
            logger.LogDebug("Telegram: disabled for this run (Telegram:Enabled=false), not starting");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
