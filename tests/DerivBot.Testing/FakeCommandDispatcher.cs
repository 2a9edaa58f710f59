using System.Collections.Concurrent;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Testing;

/// <summary>
/// The one <see cref="ICommandDispatcher"/> fake, held to <see cref="CommandDispatcherContract"/> like the real
/// <c>CommandDispatcher</c>: names and aliases route through the real one's normalization (trimmed, leading '/' and
/// '@botname' dropped, case-insensitive); the responder gets the request with the canonical name; a settings command
/// from a non-admin outside a private chat is refused; and it NEVER throws for a command — an unknown command, a
/// failing admin check or a responder that throws come back as an error report (<see cref="ReportKind.Error"/>). Only
/// the caller's own cancellation propagates. Replies are scripted by <see cref="Respond"/> (default: an echo report).
/// </summary>
public sealed class FakeCommandDispatcher : ICommandDispatcher
{
    /// <param name="commands">The commands it knows (names and aliases).</param>
    /// <param name="respond">What a known command answers; null echoes the command and its arguments.</param>
    public FakeCommandDispatcher(IEnumerable<CommandInfo> commands, Func<CommandRequest, CancellationToken, Task<CommandResult>>? respond = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        Commands = [.. commands];
        Respond = respond ?? Echo;
    }

    /// <summary>Routes to real handlers, as the real dispatcher would (without /help and localized errors).</summary>
    public FakeCommandDispatcher(params ICommandHandler[] handlers)
        : this(handlers.SelectMany(h => h.Commands), null)
    {
        var owners = new Dictionary<string, ICommandHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var info in handler.Commands)
            {
                owners[info.Name] = handler;
            }
        }
        Respond = (r, ct) => owners[r.Command].HandleAsync(r, ct);
    }

    /// <summary>What the dispatcher knows; tests may replace it.</summary>
    public IReadOnlyList<CommandInfo> Commands { get; set; }

    /// <summary>Answers a known command (called with the canonical name). May throw: that becomes an error report.</summary>
    public Func<CommandRequest, CancellationToken, Task<CommandResult>> Respond { get; set; }

    /// <summary>Refuse settings commands of non-admins outside private chats, as the real dispatcher does. Tests of a
    /// platform's admin delegate itself turn it off and read <see cref="CommandRequest.IsSenderAdminAsync"/> in <see cref="Respond"/>.</summary>
    public bool ChecksAdmin { get; set; } = true;

    /// <summary>Every request dispatched, as received (before routing).</summary>
    public ConcurrentQueue<CommandRequest> Requests { get; } = new();

    /// <summary>Requests <see cref="Respond"/> answered without throwing, with the canonical name.</summary>
    public ConcurrentQueue<CommandRequest> Handled { get; } = new();

    /// <summary>How many times (command, arguments, language) was answered.</summary>
    public int HandledCount(string command, string arguments, Language language) =>
        Handled.Count(r => r.Command == command && r.Arguments == arguments && r.Language == language);

    public bool IsKnown(string commandName) => Find(commandName) is not null;

    public async Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.Enqueue(request);
        if (Find(request.Command) is not { } info)
        {
            return Error("Unknown command", $"/{Normalize(request.Command)} is not a command.");
        }
        var canonical = request with { Command = info.Name };
        try
        {
            if (ChecksAdmin && info.ChangesSettings && request.ChatKind != ChatKind.Private
                && !await request.IsSenderAdminAsync(cancellationToken).ConfigureAwait(false))
            {
                return Error("Admins only", $"Only admins can use /{info.Name} here.");
            }
            var result = await Respond(canonical, cancellationToken).ConfigureAwait(false);
            Handled.Enqueue(canonical);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Error("Something went wrong", $"/{info.Name} failed ({ex.GetType().Name}).");
        }
    }

    /// <summary>The default reply: a report titled with the command, its arguments (or "-") as the body.</summary>
    public static Task<CommandResult> Echo(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(CommandResult.Of(new Report(ReportKind.Info, request.Command, [ParagraphBlock.Of(request.Arguments.Length == 0 ? "-" : request.Arguments)])));
    }

    /// <summary>The query commands scheduled digests run (every <c>DigestKind</c>'s), as the real dispatcher knows them.</summary>
    public static IReadOnlyList<CommandInfo> DigestQueries { get; } = Enum.GetValues<Application.Subscriptions.DigestKind>()
        .Select(k => Application.Subscriptions.DigestKindExtensions.QueryCommand(k)).Distinct()
        .Select(name => new CommandInfo(name, [], new Dictionary<Language, string> { [Language.En] = name }, false, []))
        .ToList();

    /// <summary>A command with descriptions in the three languages.</summary>
    public static CommandInfo Info(string name, string en, string tw, string cn, bool changesSettings = false, params string[] aliases) =>
        new(name, aliases, new Dictionary<Language, string> { [Language.En] = en, [Language.ZhTw] = tw, [Language.ZhCn] = cn }, changesSettings, []);

    private CommandInfo? Find(string? command)
    {
        var name = Normalize(command);
        return name.Length == 0 ? null : Commands.FirstOrDefault(c => c.Name == name || c.Aliases.Contains(name));
    }

    /// <summary>The real dispatcher's normalization (trimmed, no leading '/', no '@botname', lower case).</summary>
    private static string Normalize(string? command) => Application.Commands.CommandArguments.NormalizeName(command);

    private static CommandResult Error(string title, string line) =>
        CommandResult.Of(new Report(ReportKind.Error, title, [ParagraphBlock.Of(line)], Tone: ReportTone.Error));
}
