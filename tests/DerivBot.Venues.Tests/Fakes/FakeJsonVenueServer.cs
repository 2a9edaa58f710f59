using System.Collections.Concurrent;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>
/// A fake JSON venue (Hyperliquid, Gate) on a real loopback Kestrel server. Each path answers from a fixture under
/// <c>Fixtures/&lt;venue&gt;/</c> (the venue's own documented payload) unless a test queued scripted replies for it
/// (<see cref="FakeResponse"/>: status, body, headers such as <c>Retry-After</c>, delay). Unknown paths answer 404.
/// An optional request check (e.g. Hyperliquid's POST body) answers 400 when it fails, as the real API would reject it.
/// Every request is recorded.
/// </summary>
public sealed class FakeJsonVenueServer : IAsyncDisposable
{
    private readonly string _fixtureFolder;
    private readonly IReadOnlyDictionary<string, string> _fixtureByPath;
    private readonly Func<HttpRequestSnapshot, string?>? _check;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripted = new(StringComparer.Ordinal);
    private LoopbackServer? _server;

    /// <summary>What the request check sees.</summary>
    public sealed record HttpRequestSnapshot(string Method, string Path, string Query, string? ContentType, string Body);

    private FakeJsonVenueServer(string fixtureFolder, IReadOnlyDictionary<string, string> fixtureByPath, Func<HttpRequestSnapshot, string?>? check)
    {
        _fixtureFolder = fixtureFolder;
        _fixtureByPath = fixtureByPath;
        _check = check;
    }

    /// <param name="basePath">Path prefix the client's base URL carries (Gate: <c>/api/v4</c>).</param>
    /// <param name="check">Returns an error text when a request is not what the real venue accepts; null when fine.</param>
    public static async Task<FakeJsonVenueServer> StartAsync(string fixtureFolder, IReadOnlyDictionary<string, string> fixtureByPath,
        string basePath = "", Func<HttpRequestSnapshot, string?>? check = null)
    {
        var fake = new FakeJsonVenueServer(fixtureFolder, fixtureByPath.ToDictionary(p => basePath + p.Key, p => p.Value, StringComparer.Ordinal), check)
        {
            BasePath = basePath,
        };
        fake._server = await LoopbackServer.StartAsync(app => app.Run(fake.HandleAsync)).ConfigureAwait(false);
        return fake;
    }

    public string BasePath { get; private init; } = "";

    public LoopbackServer Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>Base URL for the client (with <see cref="BasePath"/>, no trailing slash).</summary>
    public string RestUrl => Server.BaseAddress.ToString().TrimEnd('/') + BasePath;

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Server.RequestsTo(BasePath + path);

    public int TotalRequests => Server.Requests.Count;

    public void Enqueue(string path, params FakeResponse[] responses)
    {
        var queue = _scripted.GetOrAdd(BasePath + path, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    public string FixtureText(string name) => Fixture.Read(_fixtureFolder + "/" + name);

    public ValueTask DisposeAsync() => _server is null ? ValueTask.CompletedTask : _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        FakeResponse response;
        if (_scripted.TryGetValue(path, out var queue) && queue.TryDequeue(out var scripted))
        {
            response = scripted;
        }
        else if (!_fixtureByPath.TryGetValue(path, out var file))
        {
            response = new FakeResponse(404, """{"label":"NOT_FOUND","message":"unknown path"}""");
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            var problem = _check?.Invoke(new HttpRequestSnapshot(context.Request.Method, path, context.Request.QueryString.Value ?? "", context.Request.ContentType, body));
            response = problem is null ? FakeResponse.Json(FixtureText(file)) : new FakeResponse(400, problem);
        }

        await response.WriteToAsync(context).ConfigureAwait(false);
    }
}
