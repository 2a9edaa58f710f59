using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>A scripted reply from <see cref="FakeBinanceServer"/>.</summary>
/// <param name="Body">Raw body text (may be deliberately malformed); null = empty.</param>
/// <param name="Headers">Extra headers, e.g. <c>Retry-After</c> or <c>X-MBX-USED-WEIGHT-1M</c>.</param>
/// <param name="Delay">Real-time delay before answering (for client timeouts).</param>
public sealed record FakeResponse(int Status = 200, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static FakeResponse Json(string body, int status = 200) => new(status, body);

    /// <summary>A Binance error body, e.g. <c>Error(400, -1121, "Invalid symbol.")</c>.</summary>
    public static FakeResponse Error(int status, int code, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, $$"""{"code":{{code}},"msg":"{{message}}"}""", headers);

    public static FakeResponse Slow(TimeSpan delay) => new(Delay: delay);

    /// <summary>Answers <paramref name="context"/> with this reply (after <see cref="Delay"/>), as JSON.</summary>
    public async Task WriteToAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted).ConfigureAwait(false);
        }
        context.Response.StatusCode = Status;
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        context.Response.ContentType = "application/json";
        if (Body is { } body)
        {
            await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// A fake Binance (USDⓈ-M REST, spot ticker and the combined market stream) on a real loopback Kestrel server.
/// REST paths answer from <c>Fixtures/binance/*.json</c> (the exchange's own format) unless a test queued scripted
/// replies for that path; symbol-taking endpoints answer <c>-1121 Invalid symbol.</c> for symbols not in
/// <see cref="KnownSymbols"/>. The WebSocket at <c>/market/stream</c> runs one queued script per connection
/// (default: push the mark-price fixture, then stay silent). Every request is recorded and counted per path.
/// Fixtures must be copied next to the test assembly (<c>Fixtures/binance/</c>) by any project that reuses this file.
/// </summary>
public sealed class FakeBinanceServer : IAsyncDisposable
{
    public const string StreamPath = "/market/stream";

    /// <summary>Symbols the fixtures know; others get Binance's invalid-symbol error.</summary>
    public static readonly IReadOnlySet<string> KnownSymbols = new HashSet<string>(StringComparer.Ordinal)
    {
        "BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "BTCUSDC",
    };

    private static readonly Dictionary<string, string> FixtureByPath = new(StringComparer.Ordinal)
    {
        ["/fapi/v1/exchangeInfo"] = "exchangeInfo.json",
        ["/fapi/v1/premiumIndex"] = "premiumIndex.json",
        ["/fapi/v1/fundingRate"] = "fundingRate.json",
        ["/fapi/v1/fundingInfo"] = "fundingInfo.json",
        ["/fapi/v1/openInterest"] = "openInterest.json",
        ["/futures/data/openInterestHist"] = "openInterestHist.json",
        ["/futures/data/globalLongShortAccountRatio"] = "globalLongShortAccountRatio.json",
        ["/futures/data/topLongShortAccountRatio"] = "topLongShortAccountRatio.json",
        ["/futures/data/topLongShortPositionRatio"] = "topLongShortPositionRatio.json",
        ["/futures/data/takerlongshortRatio"] = "takerlongshortRatio.json",
        ["/fapi/v1/klines"] = "klines.json",
        ["/fapi/v1/ticker/24hr"] = "ticker24hr.json",
        ["/api/v3/ticker/24hr"] = "spot_ticker24hr.json",
    };

    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Func<FakeStreamConnection, Task>> _streamScripts = new();
    private int _streamConnections;
    private LoopbackServer? _server;

    private FakeBinanceServer()
    {
    }

    public LoopbackServer Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>REST base URL without a trailing slash (serves both the futures and the spot paths).</summary>
    public string RestUrl => Server.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Routed stream base, the value for <c>Venues:Binance:FuturesStreamUrl</c>.</summary>
    public string StreamUrl => Server.WebSocketAddress("market").ToString();

    /// <summary>Value of <c>X-MBX-USED-WEIGHT-1M</c> on every REST response; null = header not sent.</summary>
    public int? UsedWeight { get; set; } = 1;

    /// <summary>WebSocket connections accepted so far.</summary>
    public int StreamConnections => Volatile.Read(ref _streamConnections);

    public static async Task<FakeBinanceServer> StartAsync()
    {
        var fake = new FakeBinanceServer();
        fake._server = await LoopbackServer.StartAsync(app => app.Run(fake.HandleAsync)).ConfigureAwait(false);
        return fake;
    }

    /// <summary>Queues one-shot replies for <paramref name="path"/>, used in order before the fixture default.</summary>
    public void Enqueue(string path, params FakeResponse[] responses)
    {
        var queue = _scripted.GetOrAdd(path, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    /// <summary>Queues the script for the next WebSocket connection.</summary>
    public void EnqueueStream(Func<FakeStreamConnection, Task> script) => _streamScripts.Enqueue(script);

    /// <summary>Requests that reached <paramref name="path"/> (WebSocket upgrades included).</summary>
    public int Count(string path) => Server.RequestsTo(path).Count;

    public int TotalRestRequests => Server.Requests.Count(r => r.Path != StreamPath);

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Server.RequestsTo(path);

    public static string FixtureText(string name) => Fixture.Read("binance/" + name);

    public ValueTask DisposeAsync() => _server is null ? ValueTask.CompletedTask : _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == StreamPath)
        {
            await HandleStreamAsync(context).ConfigureAwait(false);
            return;
        }

        var response = _scripted.TryGetValue(path, out var queue) && queue.TryDequeue(out var scripted)
            ? scripted
            : DefaultResponse(path, context.Request.Query);

        if (UsedWeight is { } used)
        {
            context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await response.WriteToAsync(context).ConfigureAwait(false);
    }

    private static FakeResponse DefaultResponse(string path, IQueryCollection query)
    {
        if (!FixtureByPath.TryGetValue(path, out var file))
        {
            return FakeResponse.Error(404, -1, "Unknown path " + path);
        }
        var symbol = query["symbol"].ToString();
        if (symbol.Length > 0)
        {
            if (!KnownSymbols.Contains(symbol))
            {
                return FakeResponse.Error(400, -1121, "Invalid symbol.");
            }
            if (path == "/fapi/v1/premiumIndex")
            {
                // With a symbol Binance answers one object, not the array.
                using var all = System.Text.Json.JsonDocument.Parse(FixtureText(file));
                var match = all.RootElement.EnumerateArray().FirstOrDefault(e => e.GetProperty("symbol").GetString() == symbol);
                return match.ValueKind == System.Text.Json.JsonValueKind.Undefined
                    ? FakeResponse.Error(400, -1121, "Invalid symbol.")
                    : FakeResponse.Json(match.GetRawText());
            }
        }
        return FakeResponse.Json(FixtureText(file));
    }

    private async Task HandleStreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var index = Interlocked.Increment(ref _streamConnections);
        var connection = new FakeStreamConnection(socket, context, index);
        var script = _streamScripts.TryDequeue(out var queued) ? queued : DefaultStreamScript;
        try
        {
            await script(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException
                                   || ex is ObjectDisposedException)
        {
            // The client went away or the server is stopping: normal for stream tests.
        }
    }

    private static async Task DefaultStreamScript(FakeStreamConnection connection)
    {
        await connection.SendFixtureAsync("stream_markPrice.json").ConfigureAwait(false);
        await connection.WaitUntilClientGoneAsync().ConfigureAwait(false);
    }
}

/// <summary>One accepted WebSocket connection, driven by a test script.</summary>
public sealed class FakeStreamConnection
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;

    internal FakeStreamConnection(WebSocket socket, HttpContext context, int index)
    {
        _socket = socket;
        _context = context;
        Index = index;
        Query = context.Request.QueryString.Value ?? "";
    }

    /// <summary>1 for the first connection, 2 for the first reconnect, …</summary>
    public int Index { get; }

    public string Query { get; }

    public CancellationToken Aborted => _context.RequestAborted;

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, Aborted);

    public Task SendFixtureAsync(string name) => SendAsync(FakeBinanceServer.FixtureText(name));

    /// <summary>Sends the first half of <paramref name="text"/> as an unfinished message, then kills the TCP connection.</summary>
    public async Task SendPartialThenDropAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _socket.SendAsync(bytes.AsMemory(0, bytes.Length / 2), WebSocketMessageType.Text, endOfMessage: false, Aborted).ConfigureAwait(false);
        await Task.Delay(50, Aborted).ConfigureAwait(false);
        _context.Abort();
    }

    /// <summary>A clean close handshake from the server side.</summary>
    public Task CloseAsync(string reason = "server closing") =>
        _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, Aborted);

    /// <summary>Sends nothing more and returns when the client closes or drops the connection.</summary>
    public async Task WaitUntilClientGoneAsync()
    {
        var buffer = new byte[1024];
        while (_socket.State == WebSocketState.Open)
        {
            var result = await _socket.ReceiveAsync(buffer, Aborted).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }
}
