using System.Text.Json;

namespace DerivBot.Discord.Gateway;

/// <summary>Receives what the gateway delivers. Called from the receive loop: start work, do not block on it.</summary>
internal interface IGatewayDispatchHandler
{
    /// <summary>READY arrived; <paramref name="applicationId"/> is <c>application.id</c>.</summary>
    void OnReady(string applicationId, CancellationToken cancellationToken);

    /// <summary>A dispatch (op 0) other than READY/RESUMED; <paramref name="data"/> is a detached copy of <c>d</c>.</summary>
    void OnDispatch(string eventName, JsonElement data, CancellationToken cancellationToken);
}
