using DerivBot.Core.Localization;

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
