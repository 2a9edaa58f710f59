using DerivBot.Core.Chat;

namespace DerivBot.Application.Diagnostics;

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
