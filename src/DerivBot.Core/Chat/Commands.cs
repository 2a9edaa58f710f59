using DerivBot.Core.Localization;
using DerivBot.Core.Reports;

namespace DerivBot.Core.Chat;

/// <summary>A chat command as a platform adapter parsed it.</summary>
/// <param name="Command">Lower-case name without slash or @bot suffix, e.g. <c>funding</c>.</param>
/// <param name="Arguments">Everything after the command, raw (platforms join slash-command options with spaces).</param>
/// <param name="Language">The chat's language (from settings, else the user's locale).</param>
/// <param name="UserId">Sender id, null for channel posts.</param>
/// <param name="IsSenderAdminAsync">Whether the sender may change this chat's settings; called only when a command needs it.</param>
public sealed record CommandRequest(
    ChatAddress Chat,
    ChatKind ChatKind,
    string? UserId,
    Language Language,
    string Command,
    string Arguments,
    Func<CancellationToken, Task<bool>> IsSenderAdminAsync,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Who the per-user command limit counts this request against, when that is not simply
    /// <see cref="UserId"/> (Telegram: a channel post or an anonymous admin counts against the chat). Requests with
    /// neither (scheduled digests) are not limited.</summary>
    public string? RateKey { get; init; }
}

/// <summary>A PNG image that travels with a report.</summary>
public sealed record ChartImage(string FileName, byte[] Png, string AltText);

/// <summary>One message back to the chat.</summary>
/// <param name="Data">The structured result behind the report (what <c>ask --json</c> prints), or null.</param>
public sealed record CommandReply(Report Report, ChartImage? Image = null, object? Data = null);

/// <summary>What a command produced: usually one reply.</summary>
public sealed record CommandResult(IReadOnlyList<CommandReply> Replies)
{
    /// <summary>True when the per-user command limit refused the command: it did not run, and <see cref="Replies"/>
    /// holds the one "slow down" notice of the streak or nothing (already told). Platforms may show the notice
    /// privately (a Telegram toast, a Discord ephemeral message) instead of as a reply.</summary>
    public bool Throttled { get; init; }

    public static CommandResult Of(Report report, ChartImage? image = null, object? data = null) =>
        new([new CommandReply(report, image, data)]);
}
