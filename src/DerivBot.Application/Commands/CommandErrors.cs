using DerivBot.Core.Chat;
using DerivBot.Application.Localization;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Commands;

/// <summary>
/// Thrown by a handler when the arguments are wrong. The dispatcher answers with the command's syntax in the chat's
/// language, plus <see cref="Detail"/> (already localized) or the text behind <see cref="DetailKey"/>.
/// Any area's handler may throw it.
/// </summary>
public sealed class CommandUsageException : Exception
{
    public CommandUsageException()
        : base("Wrong command arguments.")
    {
    }

    /// <param name="detail">What exactly is wrong, already in the chat's language; null for just the syntax.</param>
    public CommandUsageException(string? detail)
        : base(detail ?? "Wrong command arguments.")
    {
        Detail = detail;
    }

    public CommandUsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    private CommandUsageException(string key, IReadOnlyList<TextArg> args)
        : base("Wrong command arguments: " + key)
    {
        DetailKey = key;
        DetailArgs = args;
    }

    /// <summary>Localized detail text, when the thrower localized it.</summary>
    public string? Detail { get; }

    /// <summary>Resource key of the detail, localized by the dispatcher.</summary>
    public string? DetailKey { get; }

    public IReadOnlyList<TextArg> DetailArgs { get; } = [];

    /// <summary>A usage error whose detail is the resource <paramref name="key"/> filled with <paramref name="args"/>.</summary>
    public static CommandUsageException FromKey(string key, params TextArg[] args) => new(key, args);
}

/// <summary>What the user typed matches no perpetual. Carries close matches so the reply can offer them.</summary>
public sealed class SymbolNotFoundException : Exception
{
    public SymbolNotFoundException(string input, IReadOnlyList<Symbol> suggestions)
        : base($"No perpetual matches '{input}'.")
    {
        Input = input;
        Suggestions = suggestions;
    }

    public SymbolNotFoundException()
        : this(string.Empty, [])
    {
    }

    public SymbolNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
        Input = string.Empty;
        Suggestions = [];
    }

    public string Input { get; }

    public IReadOnlyList<Symbol> Suggestions { get; }
}

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
