using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DerivBot.Testing;

/// <summary>A request as the fake server saw it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string PathAndQuery => Path + QueryString;

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an OS-chosen port, for testing our HTTP and WebSocket clients over real
/// sockets (the dotnet/runtime LoopbackServer idea). Every request is recorded with its body. Exceptions thrown by
/// route handlers are collected and rethrown on dispose so a broken fake fails the test loudly.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Exception> _serverErrors;

    private LoopbackServer(WebApplication app, Uri baseAddress, ConcurrentQueue<Exception> errors)
    {
        _app = app;
        BaseAddress = baseAddress;
        _serverErrors = errors;
    }

    /// <summary>e.g. http://127.0.0.1:54321/ (always with a trailing slash).</summary>
    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>ws:// form of <see cref="BaseAddress"/> plus <paramref name="path"/>.</summary>
    public Uri WebSocketAddress(string path = "") =>
        new(new Uri("ws://" + BaseAddress.Authority + "/"), path.TrimStart('/'));

    /// <summary>http:// URL for <paramref name="path"/> (with a leading slash or not).</summary>
    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> routes, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var errors = new ConcurrentQueue<Exception>();
        LoopbackServer? server = null;
        var time = clock ?? TimeProvider.System;

        app.UseWebSockets();
        app.Use(async (ctx, next) =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                ctx.Request.EnableBuffering();
            }
            using var ms = new MemoryStream();
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
                ctx.Request.Body.Position = 0;
            }
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            server!.Requests.Enqueue(new RecordedRequest(
                ctx.Request.Method, ctx.Request.Path.Value ?? "/", ctx.Request.QueryString.Value ?? "",
                headers, ctx.Request.ContentType, ms.ToArray(), time.GetUtcNow()));
            try
            {
                await next(ctx);
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                // The client went away (a timeout test, a dropped socket): not a server bug.
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
                throw;
            }
        });
        routes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"), errors);
        return server;
    }

    /// <summary>Requests whose path equals <paramref name="path"/>.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) =>
        Requests.Where(r => string.Equals(r.Path, path, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (!_serverErrors.IsEmpty)
        {
            throw new AggregateException("The loopback server failed", _serverErrors);
        }
    }
}

internal static class WebApplicationStopExtensions
{
    public static async Task StopAsync(this WebApplication app, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Hanging connections (long polls, websockets) are cut when the timeout passes.
        }
    }
}
