using DerivBot.Core.Chat;

namespace DerivBot.Application.Diagnostics;

/// <summary>
/// Proves the database answers: a fresh connection (not a pooled one that may outlive a deleted file or a dead server)
/// reads the outbox summary. Implemented by each store; <c>/readyz</c>, <c>/health</c> and the outbox gauges use it.
/// </summary>
public interface IStoreProbe
{
    /// <summary>Reads the outbox summary over a new connection; throws when the database cannot be reached or read.</summary>
    Task<StoreProbeResult> ProbeAsync(CancellationToken cancellationToken);
}

/// <param name="Provider">"Sqlite" or "Postgres", for the report.</param>
/// <param name="OutboxPending">Messages waiting to be sent (all platforms).</param>
/// <param name="OldestPendingCreatedAt">When the oldest pending message was enqueued, or null when none is pending.</param>
public sealed record StoreProbeResult(string Provider, int OutboxPending, DateTimeOffset? OldestPendingCreatedAt);

/// <summary>How a chat platform's connection stands, as readiness sees it.</summary>
public enum PlatformConnection
{
    /// <summary>Not connected yet (identifying, first connection). Not ready.</summary>
    Starting,
    /// <summary>Receiving updates (poller answering, webhook registered, gateway READY). Ready.</summary>
    Connected,
    /// <summary>Another instance holds the platform's lock and serves it; this one takes over if it dies. Ready.</summary>
    StandingBy,
    /// <summary>Was connected and lost it; retrying. Not ready.</summary>
    Disconnected,
    /// <summary>Gave up for good (token rejected, fatal close). Not ready.</summary>
    Stopped,
}

/// <param name="Since">When the state last changed (null: never changed).</param>
/// <param name="Detail">A short reason for the log and /readyz (never a token or a URL holding one).</param>
public sealed record PlatformState(PlatformConnection Connection, DateTimeOffset? Since, string? Detail = null)
{
    /// <summary>Connected, or standing by for another instance that serves the platform.</summary>
    public bool IsReady => Connection is PlatformConnection.Connected or PlatformConnection.StandingBy;
}

/// <summary>One chat platform's connection, registered by the platform's area; readiness checks every enabled one.</summary>
public interface IChatPlatformStatus
{
    ChatPlatform Platform { get; }

    /// <summary>False when the platform is not configured to run (no token, disabled): it is then not checked.</summary>
    bool Enabled { get; }

    PlatformState Current { get; }
}

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
