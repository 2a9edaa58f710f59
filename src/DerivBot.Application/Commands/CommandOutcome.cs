using DerivBot.Core.Chat;

namespace DerivBot.Application.Commands;

/// <summary>Why <see cref="CommandDispatcher.TryRunAsync"/> produced no usable result.</summary>
public enum CommandFailureKind
{
    /// <summary>Unknown name, /help, or a settings command.</summary>
    NotAQuery,
    Usage,
    SymbolNotFound,
    /// <summary>The venue failed (down, rate limited, banned, timed out, bad response).</summary>
    Venue,
    /// <summary>The handler answered with an error report.</summary>
    ErrorReport,
    /// <summary>A bug: the exception was logged.</summary>
    Internal,
}

/// <summary>A command's result, or why there is none (for callers that must not broadcast an error reply).</summary>
public sealed record CommandOutcome(CommandResult? Result, CommandFailureKind? Failure, string? Detail, string? Venue)
{
    public static CommandOutcome Succeeded(CommandResult result) => new(result, null, null, null);

    public static CommandOutcome Failed(CommandFailureKind kind, string? detail, string? venue = null) => new(null, kind, detail, venue);
}
