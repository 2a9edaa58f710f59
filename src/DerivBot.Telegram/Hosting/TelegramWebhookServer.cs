using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DerivBot.Telegram.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace DerivBot.Telegram.Hosting;

/// <summary>
/// The webhook endpoint: Kestrel on <see cref="TelegramOptions.WebhookListen"/>, route = the path of
/// <see cref="TelegramOptions.WebhookUrl"/>. A request without the right X-Telegram-Bot-Api-Secret-Token (compared in
/// constant time) gets 401 and nothing is handled. 200 is returned only after the update was handled — its answers
/// committed to the shared outbox (<see cref="Sending.TelegramReplyRoute"/>), so any instance behind a load balancer may
/// take it and whichever instance drains sends the answer — and a failure (500) makes Telegram redeliver; recently
/// handled update_ids are remembered to drop such repeats here, and the outbox's idempotency key (the update) drops
/// them across instances.
/// </summary>
public sealed class TelegramWebhookServer(TelegramUpdateHandler handler, IOptions<TelegramOptions> options, ILogger<TelegramWebhookServer> logger) : IAsyncDisposable
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const int RememberedUpdates = 1000;

    private readonly object _gate = new();
    private readonly HashSet<long> _seen = [];
    private readonly Queue<long> _seenOrder = new();
    private WebApplication? _app;

    /// <summary>Where the server actually listens (the port is known after start when 0 was configured).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public string Path => options.Value.WebhookUrl?.AbsolutePath is { Length: > 0 } p ? p : "/";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var listen = o.WebhookListen ?? throw new InvalidOperationException("Telegram:WebhookListen is required in Webhook mode.");
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(o.WebhookSecret ?? throw new InvalidOperationException("Telegram:WebhookSecret is required in Webhook mode.")));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(listen.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost(Path, async context =>
        {
            // Hash both sides so the comparison takes the same time whatever the length of the presented value.
            var presented = context.Request.Headers[SecretHeader].ToString();
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected))
            {
                logger.LogWarning("Telegram webhook: request without the right secret token rejected");
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            Update? update;
            try
            {
                // The library's own settings (snake_case names, its converters), as its polling would read them.
                update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                update = null;
            }
            if (update is null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            if (!Remember(update.Id))
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }
            try
            {
                await handler.HandleAsync(update, context.RequestAborted).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Forget(update.Id);
                logger.LogError(ex, "Telegram webhook update {UpdateId} failed; Telegram will redeliver it", update.Id);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Select(a => new Uri(a)).ToList();
        logger.LogInformation("Telegram webhook listening on {Addresses} at {Path}", string.Join(", ", Addresses), Path);
    }

    private bool Remember(long updateId)
    {
        lock (_gate)
        {
            if (!_seen.Add(updateId))
            {
                return false;
            }
            _seenOrder.Enqueue(updateId);
            while (_seenOrder.Count > RememberedUpdates)
            {
                _seen.Remove(_seenOrder.Dequeue());
            }
            return true;
        }
    }

    private void Forget(long updateId)
    {
        lock (_gate)
        {
            _seen.Remove(updateId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await app.StopAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Hanging connections are cut.
            }
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
