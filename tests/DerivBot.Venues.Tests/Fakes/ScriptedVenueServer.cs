using System.Collections.Concurrent;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>
/// A loopback venue REST server: each path answers from a default handler (the venue's documented payload shapes,
/// built by the venue-specific fake) unless a test queued scripted replies for it. Every request is recorded.
/// </summary>
public sealed class ScriptedVenueServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripted = new(StringComparer.Ordinal);
    private readonly Func<string, IQueryCollection, FakeResponse> _defaults;
    private LoopbackServer? _server;

    private ScriptedVenueServer(Func<string, IQueryCollection, FakeResponse> defaults) => _defaults = defaults;

    public LoopbackServer Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>Base URL without a trailing slash.</summary>
    public string RestUrl => Server.BaseAddress.ToString().TrimEnd('/');

    public static async Task<ScriptedVenueServer> StartAsync(Func<string, IQueryCollection, FakeResponse> defaults)
    {
        var fake = new ScriptedVenueServer(defaults);
        fake._server = await LoopbackServer.StartAsync(app => app.Run(fake.HandleAsync)).ConfigureAwait(false);
        return fake;
    }

    public void Enqueue(string path, params FakeResponse[] responses)
    {
        var queue = _scripted.GetOrAdd(path, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var r in responses)
        {
            queue.Enqueue(r);
        }
    }

    public int Count(string path) => Server.RequestsTo(path).Count;

    public int Total => Server.Requests.Count;

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Server.RequestsTo(path);

    public ValueTask DisposeAsync() => _server is null ? ValueTask.CompletedTask : _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var response = _scripted.TryGetValue(path, out var queue) && queue.TryDequeue(out var scripted)
            ? scripted
            : _defaults(path, context.Request.Query);
        await response.WriteToAsync(context).ConfigureAwait(false);
    }
}
