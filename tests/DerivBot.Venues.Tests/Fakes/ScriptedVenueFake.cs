using DerivBot.Testing;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>
/// A fake venue REST API on a <see cref="ScriptedVenueServer"/>: answers enqueued per path come first, then the venue's
/// <see cref="Default"/> answer. Subclasses state only their payloads.
/// </summary>
public abstract class ScriptedVenueFake : IAsyncDisposable
{
    private ScriptedVenueServer? _server;

    private ScriptedVenueServer Server => _server ?? throw new InvalidOperationException("not started");

    public string RestUrl => Server.RestUrl;

    public void Enqueue(string path, params FakeResponse[] responses) => Server.Enqueue(path, responses);

    public int Count(string path) => Server.Count(path);

    public int Total => Server.Total;

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Server.RequestsTo(path);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _server?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>The venue's answer to <paramref name="path"/> when nothing is enqueued for it.</summary>
    protected abstract FakeResponse Default(string path, IQueryCollection query);

    protected static async Task<TFake> StartAsync<TFake>(TFake fake)
        where TFake : ScriptedVenueFake
    {
        ArgumentNullException.ThrowIfNull(fake);
        fake._server = await ScriptedVenueServer.StartAsync(fake.Default).ConfigureAwait(false);
        return fake;
    }
}
