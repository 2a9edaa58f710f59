using DerivBot.Discord.Gateway;
using DerivBot.Discord.Interactions;
using DerivBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord;

/// <summary>
/// Runs the Discord bot for the life of the host, only when a token is configured and <see cref="DiscordOptions.Enabled"/>.
/// It never brings the host down: a fatal gateway close (bad token, disallowed intents) or any unexpected failure is
/// logged and ends only the Discord part; Telegram and the jobs keep running. Several instances share one bot by
/// splitting its shards (<see cref="DiscordOptions.ShardCount"/>, <see cref="DiscordOptions.ShardIds"/>).
/// </summary>
internal sealed class DiscordBotService(
    IServiceProvider services,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Discord bot disabled (Discord:Enabled=false)");
            return;
        }
        if (!settings.HasToken)
        {
            logger.LogInformation("Discord bot not started: Discord:BotToken is not set");
            return;
        }
        await Task.Yield();
        // Resolved only now: without a token none of the bot's dependencies are needed.
        var interactions = services.GetRequiredService<DiscordInteractionHandler>();
        try
        {
            var gateway = await GatewayAsync(settings, stoppingToken).ConfigureAwait(false);
            if (gateway is null)
            {
                return;
            }
            await RunShardsAsync(settings, gateway, interactions, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (DiscordGatewayFatalException ex)
        {
            logger.LogCritical(ex, "Discord bot stopped: the gateway refused us for good. Telegram and scheduled jobs keep running");
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "Discord bot stopped after an unexpected error. Telegram and scheduled jobs keep running");
        }
        finally
        {
            await interactions.DrainAsync(DrainTimeout).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One gateway connection per shard of this instance (<see cref="DiscordOptions.ShardIds"/>, else all of
    /// <see cref="DiscordOptions.ShardCount"/> or Discord's recommendation), Identify paced by max_concurrency. A fatal
    /// close on one shard (bad token, invalid shard, sharding required) ends them all: the others would get the same.
    /// </summary>
    private async Task RunShardsAsync(DiscordOptions settings, GatewayBotInfo gateway, DiscordInteractionHandler interactions, CancellationToken stoppingToken)
    {
        var count = settings.ShardCount ?? gateway.Shards;
        var ids = string.IsNullOrWhiteSpace(settings.ShardIds)
            ? Enumerable.Range(0, count).ToList()
            : ShardIdList.Parse(settings.ShardIds, out _)!;
        var limiter = new DiscordIdentifyLimiter(gateway.MaxConcurrency, time);
        logger.LogInformation("Discord: running {Mine} of {Count} shard(s) ({Ids}); up to {MaxConcurrency} identify per 5 s",
            ids.Count, count, string.Join(",", ids), limiter.MaxConcurrency);
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        using var all = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var shards = ids.Select(async id =>
        {
            var client = new DiscordGatewayClient(options, interactions, time, loggerFactory.CreateLogger<DiscordGatewayClient>(),
                shard: new GatewayShard(id, count), identifyLimiter: limiter, status: services.GetService<DiscordStatus>());
            try
            {
                await client.RunAsync(gateway.Url, all.Token).ConfigureAwait(false);
            }
            catch
            {
                await all.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }).ToList();
        await Task.WhenAll(shards).ConfigureAwait(false);
    }

    /// <summary>Where to connect and how to shard: <c>GET /gateway/bot</c>, or the configured gateway URL (then one
    /// shard unless <see cref="DiscordOptions.ShardCount"/> says otherwise, and max_concurrency 1). Null: stop Discord.</summary>
    private async Task<GatewayBotInfo?> GatewayAsync(DiscordOptions settings, CancellationToken stoppingToken)
    {
        if (settings.GatewayUrl is { } configured)
        {
            return new GatewayBotInfo(configured, 1, 1);
        }
        var rest = services.GetRequiredService<DiscordRestClient>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await rest.GetGatewayBotAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DiscordApiException ex) when (ex.Status == 401)
            {
                logger.LogCritical(ex, "Discord bot stopped: the bot token was rejected (check Discord:BotToken). Telegram and scheduled jobs keep running");
                services.GetService<DiscordStatus>()?.Set(Application.Diagnostics.PlatformConnection.Stopped, "token rejected");
                return null;
            }
            catch (DiscordApiException ex)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(300, 5 * Math.Pow(2, Math.Min(attempt - 1, 6))));
                logger.LogWarning(ex, "Discord gateway address unavailable; retrying in {Delay}", delay);
                await Task.Delay(ex.RetryAfter is { } r && r > delay ? r : delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
