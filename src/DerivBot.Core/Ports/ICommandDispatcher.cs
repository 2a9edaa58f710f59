using DerivBot.Core.Chat;

namespace DerivBot.Core.Ports;

/// <summary>
/// Turns a chat command into replies. Platform adapters parse updates/interactions into <see cref="CommandRequest"/>
/// and render the resulting reports; they never build wording themselves. Unknown commands, bad arguments and
/// missing permissions come back as localized error reports, not exceptions.
/// </summary>
public interface ICommandDispatcher
{
    /// <summary>Every command with localized descriptions.</summary>
    IReadOnlyList<CommandInfo> Commands { get; }

    /// <summary>True if <paramref name="commandName"/> (or an alias) is known.</summary>
    bool IsKnown(string commandName);

    Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken);
}

/// <summary>Symbol names for autocomplete (Discord interaction type 4).</summary>
public interface ISymbolCatalog
{
    /// <summary>Up to <paramref name="max"/> symbols matching what the user has typed so far, best first.</summary>
    Task<IReadOnlyList<string>> SuggestAsync(string prefix, int max, CancellationToken cancellationToken);
}

/// <summary>
/// One command (or a family of commands) the dispatcher routes to. Areas register their handlers in DI
/// (query commands, subscription and alert commands, settings); the dispatcher finds them by name and alias.
/// </summary>
public interface ICommandHandler
{
    /// <summary>The commands this handler answers.</summary>
    IReadOnlyList<CommandInfo> Commands { get; }

    /// <summary>Handles <paramref name="request"/>; <see cref="CommandRequest.Command"/> is the canonical name (aliases resolved).</summary>
    Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}
