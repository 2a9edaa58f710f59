using System.Text.Json;
using DerivBot.Application.Diagnostics;
using DerivBot.Telegram.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace DerivBot.Host.Http;

/// <summary>
/// The one HTTP listener (<see cref="HttpOptions.Listen"/>), Kestrel in its own small web application whose handlers
/// call into the bot's container:
/// <list type="bullet">
/// <item><c>GET /healthz</c>: 200 while the process runs (liveness; checks nothing else).</item>
/// <item><c>GET /readyz</c>: every readiness check (<see cref="ReadinessChecks.ReadyTag"/>); 200 when none is unhealthy,
/// else 503; a JSON body names each check and why.</item>
/// <item><c>GET /metrics</c>: <see cref="DerivBotMetrics"/> in the Prometheus text format (OpenTelemetry).</item>
/// <item><c>POST</c> the path of <c>Telegram:WebhookUrl</c> in Telegram webhook mode (<see cref="TelegramWebhookServer"/>).</item>
/// </list>
/// Started as a hosted service after the others, so the webhook route exists before Telegram is told to use it
/// (setWebhook waits for getMe and the command menu).
/// </summary>
public sealed class DerivBotHttpServer(IServiceProvider services, IOptions<HttpOptions> options, ILogger<DerivBotHttpServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where the listener is bound (the real port when 0 was configured); empty before start.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = HttpOptions.ToUrl(options.Value.Listen, out var error)
            ?? throw new InvalidOperationException("Http:Listen: " + error);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapGet("/healthz", static context =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("ok\n", context.RequestAborted);
        });
        app.MapGet("/readyz", ReadyAsync);
        app.MapPrometheusScrapingEndpoint("/metrics", services.GetRequiredService<MeterProvider>(), configureBranchedPipeline: null, optionsName: null);
        if (services.GetService<TelegramWebhookServer>() is { Active: true } webhook)
        {
            webhook.Map(app);
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Http:Listen {options.Value.Listen}: cannot listen there ({ex.Message}). Choose another port or set Http:Enabled=false.", ex);
        }
        _app = app;
        Addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Select(a => new Uri(a)).ToList();
        logger.LogInformation("HTTP listening on {Addresses}: /healthz /readyz /metrics", string.Join(", ", Addresses));
    }

    private async Task ReadyAsync(HttpContext context)
    {
        var health = services.GetRequiredService<HealthCheckService>();
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadinessChecks.ReadyTag), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? entry.Exception?.GetType().Name ?? "");
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            try
            {
                await app.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Hanging connections are cut.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
