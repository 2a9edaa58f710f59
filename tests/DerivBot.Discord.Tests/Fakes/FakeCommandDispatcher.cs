using System.Collections.Concurrent;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Discord.Tests.Fakes;

/// <summary>A dispatcher with scripted commands; records every request; answers with <see cref="Respond"/>.</summary>
public sealed class FakeCommandDispatcher(IReadOnlyList<CommandInfo> commands, Func<CommandRequest, CancellationToken, Task<CommandResult>> respond)
    : ICommandDispatcher
{
    public IReadOnlyList<CommandInfo> Commands { get; set; } = commands;

    public Func<CommandRequest, CancellationToken, Task<CommandResult>> Respond { get; set; } = respond;

    public ConcurrentQueue<CommandRequest> Requests { get; } = new();

    public bool IsKnown(string commandName) => Commands.Any(c => c.Name == commandName || c.Aliases.Contains(commandName));

    public Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Respond(request, cancellationToken);
    }
}
