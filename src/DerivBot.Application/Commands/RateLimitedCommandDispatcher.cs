using DerivBot.Core.Localization;
using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Commands;

/// <summary>
/// The per-user command limit for every platform, as a decorator of the real dispatcher: a request counts against its
/// sender (<see cref="CommandRequest.RateKey"/>, else <see cref="CommandRequest.UserId"/>, per platform); over the
/// limit the command does not run and the result is <see cref="CommandResult.Throttled"/> with one "slow down" notice
/// per streak (<c>limit.slowDown</c>), then nothing. Requests without a sender (scheduled digests) and the console
/// (<c>ask</c>, the demo) are never limited.
/// </summary>
public sealed class RateLimitedCommandDispatcher(ICommandDispatcher inner, CommandRateLimiter limiter, ILocalizer localizer) : ICommandDispatcher
{
    /// <summary>The dispatcher behind the limit (digests render through it directly).</summary>
    public ICommandDispatcher Inner { get; } = inner;

    public IReadOnlyList<CommandInfo> Commands => Inner.Commands;

    public bool IsKnown(string commandName) => Inner.IsKnown(commandName);

    public Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (KeyOf(request) is not { } key)
        {
            return Inner.DispatchAsync(request, cancellationToken);
        }
        return limiter.Check(key) switch
        {
            RateDecision.Allowed => Inner.DispatchAsync(request, cancellationToken),
            RateDecision.RefuseWithNotice => Task.FromResult(new CommandResult([new CommandReply(Notice(request.Language))]) { Throttled = true }),
            _ => Task.FromResult(new CommandResult([]) { Throttled = true }),
        };
    }

    private Report Notice(Core.Localization.Language language) =>
        new(ReportKind.Error, localizer.Get(language, "limit.slowDown", ("perMinute", limiter.PerMinute.ToString(CultureInfo.InvariantCulture))), [], Tone: ReportTone.Warning);

    private static string? KeyOf(CommandRequest request) =>
        request.Chat.Platform == ChatPlatform.Console || (request.RateKey ?? request.UserId) is not { } sender
            ? null
            : request.Chat.Platform + ":" + sender;
}
