using DerivBot.Core.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Commands;

/// <summary>
/// Routes a command to the <see cref="ICommandHandler"/> that owns its name or alias (every handler registered in DI,
/// from any area) and turns every failure into one localized reply: unknown command, wrong arguments (with the
/// syntax), unknown symbol (with close matches as buttons), venue trouble, missing admin rights. Users never see an
/// exception or a stack trace. <c>/help</c> is answered here because it lists every handler's commands.
/// </summary>
public sealed partial class CommandDispatcher : ICommandDispatcher
{
    private readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ILocalizer _localizer;
    private readonly ILogger<CommandDispatcher> _logger;
    private readonly CommandInfo _help;

    public CommandDispatcher(IEnumerable<ICommandHandler> handlers, ILocalizer localizer, ILogger<CommandDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _localizer = localizer ?? throw new ArgumentNullException(nameof(localizer));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        var commands = new List<CommandInfo>();
        foreach (var handler in handlers)
        {
            foreach (var info in handler.Commands)
            {
                foreach (var name in info.Aliases.Prepend(info.Name))
                {
                    var key = CommandArguments.NormalizeName(name);
                    if (_routes.TryGetValue(key, out var existing))
                    {
                        // Two areas claiming one name would make one of them unreachable: refuse to start.
                        throw new InvalidOperationException(
                            $"Command name '{key}' is claimed by both /{existing.Info.Name} ({existing.Handler?.GetType().Name}) and /{info.Name} ({handler.GetType().Name}).");
                    }
                    _routes[key] = new Route(info, handler);
                }
                commands.Add(info);
            }
        }
        _help = new CommandInfo(
            "help",
            ["start", "commands"],
            CommandCatalog.Describe(localizer, "cmd.help.description"),
            ChangesSettings: false,
            [new CommandOption("command", CommandCatalog.Describe(localizer, "opt.command.description"), CommandOptionKind.Text, Required: false)]);
        // Help's aliases yield to any handler that owns the same name (e.g. a /start onboarding command).
        foreach (var name in _help.Aliases.Prepend(_help.Name))
        {
            _routes.TryAdd(name, new Route(_help, null));
        }
        commands.Add(_help);
        Commands = commands.Select(info => info with { LocalizedNames = LocalizedNames(localizer, info.Name) }).ToList();
    }

    public IReadOnlyList<CommandInfo> Commands { get; }

    public bool IsKnown(string commandName) => _routes.ContainsKey(CommandArguments.NormalizeName(commandName));

    public async Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = new Texts(_localizer, request.Language);
        var name = CommandArguments.NormalizeName(request.Command);
        if (!_routes.TryGetValue(name, out var route))
        {
            return Error(t["error.unknownCommand.title"], t.Get("error.unknownCommand.body", ("command", name.Length == 0 ? "?" : name)), t, withHelpButton: true);
        }
        var info = route.Info;
        var canonical = request with { Command = info.Name };
        try
        {
            if (info.ChangesSettings && request.ChatKind != ChatKind.Private)
            {
                // Channel posts come from admins by nature: the platform's delegate returns true for them.
                bool isAdmin;
                try
                {
                    isAdmin = await request.IsSenderAdminAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning(ex, "Admin check for /{Command} in {Chat} failed", info.Name, request.Chat);
                    return Error(t["error.admin.title"], t["error.admin.checkFailed"], t);
                }
                if (!isAdmin)
                {
                    return Error(t["error.admin.title"], t.Get("error.admin.body", ("command", info.Name)), t);
                }
            }
            return route.Handler is null
                ? Help(canonical, t)
                : await route.Handler.HandleAsync(canonical, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandUsageException ex)
        {
            return Usage(info, ex, t);
        }
        catch (SymbolNotFoundException ex)
        {
            return SymbolNotFound(info, canonical, ex.Input, ex.Suggestions, t);
        }
        catch (VenueException ex) when (ex.Kind == VenueErrorKind.InvalidSymbol)
        {
            var tokens = CommandArguments.Split(request.Arguments);
            var input = tokens.Count > 0 ? tokens[0] : string.Empty;
            return SymbolNotFound(info, canonical, input, [], t);
        }
        catch (VenueException ex)
        {
            _logger.LogWarning(ex, "/{Command} failed: venue {Venue} {Kind} (HTTP {Status})", info.Name, ex.Venue, ex.Kind, ex.HttpStatus);
            return Error(t["error.venue.title"], VenueLine(ex, t), t);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "/{Command} failed in {Chat}", info.Name, request.Chat);
            return Error(t["error.internal.title"], t["error.internal.body"], t);
        }
    }

    /// <summary>
    /// Runs a query for a caller that is not a chat (the digest job): the same routing as <see cref="DispatchAsync"/>,
    /// but a failure (unknown command, bad arguments, unknown symbol, venue trouble, a bug, or a handler that answered
    /// with an error report) is returned to the caller instead of being turned into an error reply that would be
    /// broadcast. Settings commands are refused: there is no sender whose rights could be checked.
    /// </summary>
    public async Task<CommandOutcome> TryRunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = CommandArguments.NormalizeName(request.Command);
        if (!_routes.TryGetValue(name, out var route) || route.Handler is null || route.Info.ChangesSettings)
        {
            return CommandOutcome.Failed(CommandFailureKind.NotAQuery, "/" + name + " is not a query command");
        }
        try
        {
            var result = await route.Handler.HandleAsync(request with { Command = route.Info.Name }, cancellationToken).ConfigureAwait(false);
            var error = result.Replies.FirstOrDefault(r => r.Report.Kind == ReportKind.Error);
            return error is null
                ? CommandOutcome.Succeeded(result)
                : CommandOutcome.Failed(CommandFailureKind.ErrorReport, error.Report.Title);
        }
        catch (CommandUsageException ex)
        {
            return CommandOutcome.Failed(CommandFailureKind.Usage, ex.Message);
        }
        catch (SymbolNotFoundException ex)
        {
            return CommandOutcome.Failed(CommandFailureKind.SymbolNotFound, ex.Input);
        }
        catch (VenueException ex) when (ex.Kind == VenueErrorKind.InvalidSymbol)
        {
            return CommandOutcome.Failed(CommandFailureKind.SymbolNotFound, ex.Message, ex.Venue);
        }
        catch (VenueException ex)
        {
            _logger.LogWarning(ex, "/{Command} for a digest failed: venue {Venue} {Kind} (HTTP {Status})", route.Info.Name, ex.Venue, ex.Kind, ex.HttpStatus);
            return CommandOutcome.Failed(CommandFailureKind.Venue, ex.Kind.ToString(), ex.Venue);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "/{Command} for a digest failed", route.Info.Name);
            return CommandOutcome.Failed(CommandFailureKind.Internal, ex.GetType().Name);
        }
    }

    /// <summary>Menu names from the resources (<c>cmdname.&lt;name&gt;</c>), for the languages that have one.</summary>
    private static Dictionary<Language, string> LocalizedNames(ILocalizer localizer, string name) =>
        localizer.Has("cmdname." + name)
            ? Enum.GetValues<Language>().Where(l => l != Language.En).ToDictionary(l => l, l => localizer.Get(l, "cmdname." + name))
            : [];

    private sealed record Route(CommandInfo Info, ICommandHandler? Handler);
}
