using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DerivBot.Host.Http;

/// <summary>Warns once at start that <c>Telegram:WebhookListen</c> is obsolete and which <c>Http:Listen</c> replaces it.</summary>
internal sealed class ObsoleteKeyNotice(ILogger logger, string listen) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("Telegram:WebhookListen is obsolete: the webhook, /healthz, /readyz and /metrics share one listener. " +
            "Listening on {Listen} from it; set Http:Listen={Listen} and remove Telegram:WebhookListen", listen, listen);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
