using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>
/// A loopback WebSocket at <c>/ws</c> for the Bybit and OKX liquidation streams. Every connection records the client's
/// text frames and answers the venue's keepalive (<see cref="PingFrame"/> → <see cref="PongFrame"/>) like the venue does;
/// a queued script per connection sends pushes, drops or goes silent.
/// </summary>
public sealed class FakeLiquidationSocketServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<FakeSocketConnection, Task>> _scripts = new();
    private readonly ConcurrentQueue<FakeSocketConnection> _connections = new();
    private LoopbackServer _server = null!;

    private FakeLiquidationSocketServer(string pingFrame, string pongFrame)
    {
        PingFrame = pingFrame;
        PongFrame = pongFrame;
    }

    public string PingFrame { get; }

    public string PongFrame { get; }

    /// <summary>False makes the server mute (a half-dead connection): pings are recorded but not answered.</summary>
    public bool AnswerPings { get; set; } = true;

    public string Url => _server.WebSocketAddress("ws").ToString();

    public IReadOnlyList<FakeSocketConnection> Connections => _connections.ToArray();

    /// <summary>Bybit v5: <c>{"op":"ping"}</c> answered with <c>{"success":true,"ret_msg":"pong","op":"ping"}</c>.</summary>
    public static Task<FakeLiquidationSocketServer> StartBybitAsync() =>
        StartAsync("""{"op":"ping"}""", """{"success":true,"ret_msg":"pong","conn_id":"fake","op":"ping"}""");

    /// <summary>OKX: text <c>ping</c> answered with text <c>pong</c>.</summary>
    public static Task<FakeLiquidationSocketServer> StartOkxAsync() => StartAsync("ping", "pong");

    private static async Task<FakeLiquidationSocketServer> StartAsync(string ping, string pong)
    {
        var fake = new FakeLiquidationSocketServer(ping, pong);
        fake._server = await LoopbackServer.StartAsync(app => app.Map(new PathString("/ws"), b => b.Run(fake.HandleAsync))).ConfigureAwait(false);
        return fake;
    }

    public void Enqueue(Func<FakeSocketConnection, Task> script) => _scripts.Enqueue(script);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var connection = new FakeSocketConnection(socket, context, this);
        _connections.Enqueue(connection);
        var reader = connection.ReadAsync();
        var script = _scripts.TryDequeue(out var queued) ? queued : c => c.WaitUntilClientGoneAsync();
        try
        {
            await script(connection).ConfigureAwait(false);
            await reader.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: normal for stream tests.
        }
    }
}

/// <summary>One accepted connection: records client frames, answers pings, sends what the script says.</summary>
public sealed class FakeSocketConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly FakeLiquidationSocketServer _server;
    private readonly SemaphoreSlim _send = new(1, 1);
    private Task _reader = Task.CompletedTask;

    internal FakeSocketConnection(WebSocket socket, HttpContext context, FakeLiquidationSocketServer server)
    {
        _socket = socket;
        _context = context;
        _server = server;
    }

    /// <summary>Text frames the client sent, in order (pings included).</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    private int _pingsAnswered;

    public int PingsAnswered => Volatile.Read(ref _pingsAnswered);

    public void Dispose() => _send.Dispose();

    public CancellationToken Aborted => _context.RequestAborted;

    internal Task ReadAsync() => _reader = ReadLoopAsync();

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, Aborted).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                Received.Enqueue(text);
                if (text == _server.PingFrame && _server.AnswerPings)
                {
                    await SendAsync(_server.PongFrame).ConfigureAwait(false);
                    Interlocked.Increment(ref _pingsAnswered);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Dropped.
        }
    }

    public async Task SendAsync(string text)
    {
        await _send.WaitAsync(Aborted).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, Aborted).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Kills the TCP connection without a close handshake.</summary>
    public void Drop() => _context.Abort();

    public Task WaitForFrameAsync(Func<string, bool> match, string what) =>
        TestTimeouts.WaitUntilAsync(() => Received.Any(match), what: what);

    public Task WaitUntilClientGoneAsync() => _reader;
}
