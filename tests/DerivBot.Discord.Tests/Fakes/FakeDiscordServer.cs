using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Discord.Tests.Fakes;

/// <summary>A scripted REST answer: status, body and headers (rate-limit headers, Retry-After, …), or, with
/// <paramref name="DropConnection"/>, no answer at all (the connection is aborted: a network failure for the client).</summary>
public sealed record FakeResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, bool DropConnection = false);

/// <summary>
/// Discord on loopback, over real sockets: <c>GET /api/v10/gateway/bot</c>, the REST routes the bot uses (scriptable
/// per method and path, with rate-limit headers and 429s), and the gateway WebSocket at <c>/gateway</c> (and
/// <c>/resume</c>, which READY hands out as <c>resume_gateway_url</c>). Each accepted gateway connection is given to
/// the test as a <see cref="FakeGatewayConnection"/> it drives frame by frame.
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    private readonly Channel<FakeGatewayConnection> _connections = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<FakeGatewayConnection> _all = [];
    private LoopbackServer? _server;

    private FakeDiscordServer()
    {
    }

    public LoopbackServer Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>The REST base to put in Discord:ApiBaseUrl.</summary>
    public Uri ApiBaseUrl => Server.Url("api/v10");

    public Uri GatewayUrl => Server.WebSocketAddress("gateway");

    public Uri ResumeUrl => Server.WebSocketAddress("resume");

    /// <summary>REST requests (not WebSocket upgrades), in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> RestRequests =>
        Server.Requests.Where(r => r.Path.StartsWith("/api/v10/", StringComparison.Ordinal)).ToList();

    public static async Task<FakeDiscordServer> StartAsync(TimeProvider? clock = null)
    {
        var fake = new FakeDiscordServer();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.Map("/gateway", ctx => fake.AcceptAsync(ctx));
            app.Map("/resume", ctx => fake.AcceptAsync(ctx));
            app.Map("/api/v10/{**route}", ctx => fake.RestAsync(ctx));
        }, clock);
        return fake;
    }

    /// <summary>The next <paramref name="method"/> request whose path equals <paramref name="path"/> gets <paramref name="response"/> (FIFO).</summary>
    public void Enqueue(string method, string path, FakeResponse response) =>
        _scripted.GetOrAdd(method.ToUpperInvariant() + " " + path, _ => new ConcurrentQueue<FakeResponse>()).Enqueue(response);

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        RestRequests.Where(r => r.Method == method && r.Path == path).ToList();

    public async Task<FakeGatewayConnection> NextConnectionAsync(CancellationToken cancellationToken) =>
        await _connections.Reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _all)
        {
            c.Abort();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task AcceptAsync(HttpContext ctx)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            ctx.Response.StatusCode = 400;
            return;
        }
        using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
        using var connection = new FakeGatewayConnection(this, ws, ctx);
        _all.Add(connection);
        await _connections.Writer.WriteAsync(connection);
        await connection.RunAsync();
    }

    private async Task RestAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        var key = ctx.Request.Method.ToUpperInvariant() + " " + path;
        FakeResponse response;
        if (_scripted.TryGetValue(key, out var queue) && queue.TryDequeue(out var scripted))
        {
            response = scripted;
        }
        else
        {
            response = Default(ctx.Request.Method, path);
        }
        if (response.DropConnection)
        {
            ctx.Abort();
            return;
        }
        ctx.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            ctx.Response.Headers[name] = value;
        }
        if (response.Body is not null)
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(response.Body, ctx.RequestAborted);
        }
    }

    private FakeResponse Default(string method, string path)
    {
        if (method == "GET" && path == "/api/v10/gateway/bot")
        {
            return new FakeResponse(200, JsonSerializer.Serialize(new
            {
                url = GatewayUrl.ToString().TrimEnd('/'),
                shards = 1,
                session_start_limit = new { total = 1000, remaining = 999, reset_after = 14_400_000, max_concurrency = 1 },
            }));
        }
        if (path.EndsWith("/callback", StringComparison.Ordinal) || method == "DELETE")
        {
            return new FakeResponse(204);
        }
        if (method == "PUT" && path.EndsWith("/commands", StringComparison.Ordinal))
        {
            return new FakeResponse(200, "[]");
        }
        return new FakeResponse(200, """{"id":"1100000000000000001"}""");
    }
}

/// <summary>One gateway connection as the server sees it. The test sends frames and reads what the client sent.</summary>
public sealed class FakeGatewayConnection : IDisposable
{
    private readonly FakeDiscordServer _server;
    private readonly WebSocket _ws;
    private readonly HttpContext _ctx;
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<JsonElement> _all = new();

    internal FakeGatewayConnection(FakeDiscordServer server, WebSocket ws, HttpContext ctx)
    {
        _server = server;
        _ws = ws;
        _ctx = ctx;
        Path = ctx.Request.Path.Value ?? "";
        Query = ctx.Request.QueryString.Value ?? "";
    }

    public string Path { get; }

    public string Query { get; }

    /// <summary>Answer every client heartbeat with op 11 (switch off to simulate a zombie connection).</summary>
    public bool AutoAckHeartbeats { get; set; } = true;

    /// <summary>The close code the client sent, once it closed.</summary>
    public int? ClientCloseCode { get; private set; }

    /// <summary>Completes when the connection is over (closed either way or dropped).</summary>
    public Task Ended => _ended.Task;

    /// <summary>Every frame the client sent so far.</summary>
    public IReadOnlyList<JsonElement> AllReceived => _all.ToList();

    public IReadOnlyList<JsonElement> Heartbeats => _all.Where(f => Op(f) == 1).ToList();

    public static int Op(JsonElement frame) => frame.GetProperty("op").GetInt32();

    /// <summary>The next frame the client sends with opcode <paramref name="op"/> (others are skipped but kept in <see cref="AllReceived"/>).</summary>
    public async Task<JsonElement> NextAsync(int op, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await _received.Reader.ReadAsync(cancellationToken);
            if (Op(frame) == op)
            {
                return frame;
            }
        }
    }

    public Task SendAsync(string json, CancellationToken cancellationToken = default) => SendRawAsync(json, cancellationToken);

    public Task HelloAsync(int heartbeatIntervalMs = 45_000, CancellationToken cancellationToken = default) =>
        SendAsync($$"""{"op":10,"d":{"heartbeat_interval":{{heartbeatIntervalMs}}},"s":null,"t":null}""", cancellationToken);

    public Task ReadyAsync(string sessionId, long sequence, string applicationId = "900000000000000001", CancellationToken cancellationToken = default) =>
        SendAsync(JsonSerializer.Serialize(new
        {
            op = 0,
            s = sequence,
            t = "READY",
            d = new
            {
                v = 10,
                user = new { id = applicationId, username = "derivbot", bot = true },
                guilds = Array.Empty<object>(),
                session_id = sessionId,
                resume_gateway_url = _server.ResumeUrl.ToString().TrimEnd('/'),
                application = new { id = applicationId, flags = 0 },
            },
        }), cancellationToken);

    public Task DispatchAsync(string eventName, string dataJson, long sequence, CancellationToken cancellationToken = default) =>
        SendAsync($$"""{"op":0,"s":{{sequence}},"t":"{{eventName}}","d":{{dataJson}}}""", cancellationToken);

    /// <summary>Server-initiated close with <paramref name="code"/>.</summary>
    public async Task CloseAsync(int code, CancellationToken cancellationToken = default)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            await _ws.CloseOutputAsync((WebSocketCloseStatus)code, "fake close", cancellationToken);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Abort()
    {
        if (_ended.Task.IsCompleted)
        {
            return;
        }
        try
        {
            _ctx.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request finished meanwhile.
        }
        _ended.TrySetResult();
    }

    public void Dispose() => _send.Dispose();

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _ws.ReceiveAsync(buffer, _ctx.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClientCloseCode = (int?)result.CloseStatus;
                        if (_ws.State == WebSocketState.CloseReceived)
                        {
                            await _send.WaitAsync();
                            try
                            {
                                await _ws.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                            }
                            finally
                            {
                                _send.Release();
                            }
                        }
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                using var doc = JsonDocument.Parse(message.ToArray());
                var frame = doc.RootElement.Clone();
                _all.Enqueue(frame);
                if (Op(frame) == 1 && AutoAckHeartbeats)
                {
                    await SendRawAsync("""{"op":11}""", CancellationToken.None);
                }
                await _received.Writer.WriteAsync(frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client dropped or the test aborted: that is what some tests are about.
        }
        finally
        {
            _ended.TrySetResult();
        }
    }

    private async Task SendRawAsync(string json, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            await _ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _send.Release();
        }
    }
}
