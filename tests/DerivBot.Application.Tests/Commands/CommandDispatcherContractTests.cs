using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Application.Tests.Commands;

/// <summary>The real dispatcher against the <see cref="ICommandDispatcher"/> contract.</summary>
public sealed class CommandDispatcherContractTests : CommandDispatcherContract
{
    protected override ICommandDispatcher Create(params ICommandHandler[] handlers) =>
        new CommandDispatcher(handlers, new ResxLocalizer(), NullLogger<CommandDispatcher>.Instance);
}

/// <summary>The shared fake against the same contract.</summary>
public sealed class FakeCommandDispatcherContractTests : CommandDispatcherContract
{
    protected override ICommandDispatcher Create(params ICommandHandler[] handlers) => new FakeCommandDispatcher(handlers);
}
