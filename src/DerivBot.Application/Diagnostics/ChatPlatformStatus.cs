using DerivBot.Core.Chat;

namespace DerivBot.Application.Diagnostics;

/// <summary>
/// Thread-safe <see cref="IChatPlatformStatus"/> the platform's services update as their connection changes. Not sealed:
/// each platform derives its own type so DI can tell them apart.
/// </summary>
/// <param name="enabled">Read on every check (options may decide it, e.g. a token being present).</param>
public class ChatPlatformStatus(ChatPlatform platform, Func<bool> enabled, TimeProvider time) : IChatPlatformStatus
{
    private volatile PlatformState _state = new(PlatformConnection.Starting, time.GetUtcNow());

    public ChatPlatform Platform => platform;

    public bool Enabled => enabled();

    public PlatformState Current => _state;

    /// <summary>Records <paramref name="connection"/>; the time is kept only when the state really changes.</summary>
    public void Set(PlatformConnection connection, string? detail = null)
    {
        var current = _state;
        if (current.Connection != connection || current.Detail != detail)
        {
            _state = new PlatformState(connection, current.Connection == connection ? current.Since : time.GetUtcNow(), detail);
        }
    }
}
