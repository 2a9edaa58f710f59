using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DerivBot.Telegram.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace DerivBot.Telegram.Hosting;

/// <summary>
/// The webhook endpoint, served on the host's one HTTP listener (<c>Http:Listen</c>) at the path of
/// <see cref="TelegramOptions.WebhookUrl"/>; the host maps it with <see cref="Map"/> when <see cref="Active"/>. A request
/// without the right X-Telegram-Bot-Api-Secret-Token (compared in constant time) gets 401 and nothing is handled. Until
/// the bot knows who it is (getMe) updates get 503, so Telegram redelivers them. 200 is returned only after the update
/// was handled — its answers committed to the shared outbox (<see cref="Sending.TelegramReplyRoute"/>), so any instance
/// behind a load balancer may take it and whichever instance drains sends the answer — and a failure (500) makes
/// Telegram redeliver; recently handled update_ids are remembered to drop such repeats here, and the outbox's
/// idempotency key (the update) drops them across instances.
/// </summary>
public sealed class TelegramWebhookServer(TelegramUpdateHandler handler, TelegramBotIdentity identity, IOptions<TelegramOptions> options, ILogger<TelegramWebhookServer> logger)
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const int RememberedUpdates = 1000;

    private readonly object _gate = new();
    private readonly HashSet<long> _seen = [];
    private readonly Queue<long> _seenOrder = new();

    /// <summary>True in Webhook mode: the host then maps <see cref="Path"/> on its listener.</summary>
    public bool Active => options.Value.Mode == TelegramMode.Webhook;

    public string Path => options.Value.WebhookUrl?.AbsolutePath is { Length: > 0 } p ? p : "/";

    /// <summary>Adds <c>POST {Path}</c> to <paramref name="endpoints"/> (the shared listener, or a test's own server).</summary>
    public IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _ = options.Value.WebhookSecret ?? throw new InvalidOperationException("Telegram:WebhookSecret is required in Webhook mode.");
        logger.LogInformation("Telegram webhook served at {Path} on the shared HTTP listener", Path);
        return endpoints.MapPost(Path, HandleAsync);
    }

    /// <summary>One webhook request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Hash both sides so the comparison takes the same time whatever the length of the presented value.
        var secret = options.Value.WebhookSecret;
        var presented = context.Request.Headers[SecretHeader].ToString();
        if (secret is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret))))
        {
            logger.LogWarning("Telegram webhook: request without the right secret token rejected");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (identity.Me is null)
        {
            // Commands addressed "@OurBot" cannot be told apart before getMe answered: let Telegram come back.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
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
}
