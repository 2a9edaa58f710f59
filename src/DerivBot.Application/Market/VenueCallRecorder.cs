using System.Collections.Concurrent;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Market;

/// <summary>Records venue calls (thread-safe) and turns a Retry-After into a store-wide pause.</summary>
internal sealed class VenueCallRecorder
{
    private readonly ConcurrentQueue<VenueCall> _calls = new();

    public IReadOnlyList<VenueCall> Calls => _calls.ToArray();

    public async Task<T> Run<T>(string endpoint, Symbol? symbol, Func<Task<T>> call)
    {
        _calls.Enqueue(new VenueCall(endpoint, symbol));
        return await call().ConfigureAwait(false);
    }
}
