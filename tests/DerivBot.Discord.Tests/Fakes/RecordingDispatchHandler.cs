using System.Collections.Concurrent;
using System.Text.Json;
using DerivBot.Discord.Gateway;

namespace DerivBot.Discord.Tests.Fakes;

/// <summary>Records what the gateway delivers.</summary>
internal sealed class RecordingDispatchHandler : IGatewayDispatchHandler
{
    public ConcurrentQueue<string> Ready { get; } = new();

    public ConcurrentQueue<(string Event, JsonElement Data)> Dispatches { get; } = new();

    public void OnReady(string applicationId, CancellationToken cancellationToken) => Ready.Enqueue(applicationId);

    public void OnDispatch(string eventName, JsonElement data, CancellationToken cancellationToken) => Dispatches.Enqueue((eventName, data));
}
