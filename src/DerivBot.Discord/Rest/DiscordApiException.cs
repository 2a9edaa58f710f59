namespace DerivBot.Discord.Rest;

/// <summary>A Discord REST call failed. The message names the route, never its URL (which may hold a token).</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException(string route, int status, int? code, string message, Exception? inner = null)
        : base($"Discord {route} failed: HTTP {status}{(code is null ? "" : $" code {code}")} {message}", inner)
    {
        Route = route;
        Status = status;
        Code = code;
    }

    public string Route { get; }

    /// <summary>HTTP status; 0 when there was no response (network failure, timeout).</summary>
    public int Status { get; }

    /// <summary>Discord's JSON error code, e.g. 50001 Missing Access, when the body had one.</summary>
    public int? Code { get; }

    /// <summary>Set when Discord asked us to wait longer than we are willing to (or a 429 kept repeating).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool IsRateLimited => RetryAfter is not null;
}
