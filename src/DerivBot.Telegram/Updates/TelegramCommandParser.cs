using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace DerivBot.Telegram.Updates;

/// <summary>A command found in a message: name without slash or @suffix (lower case), raw arguments, and whether it named us.</summary>
public sealed record ParsedCommand(string Name, string Arguments, bool AddressedToUs);

/// <summary>Reads a command from the message's <c>bot_command</c> entity at offset 0 (offsets and lengths are UTF-16,
/// like C# strings). A command addressed to another bot (<c>/cmd@OtherBot</c>) yields null.</summary>
public static class TelegramCommandParser
{
    public static ParsedCommand? Parse(Message message, string? ourUsername)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Text ?? message.Caption;
        var entities = message.Text is not null ? message.Entities : message.CaptionEntities;
        if (string.IsNullOrEmpty(text) || entities is null)
        {
            return null;
        }
        var entity = entities.FirstOrDefault(e => e.Type == MessageEntityType.BotCommand && e.Offset == 0);
        if (entity is null || entity.Length < 2 || entity.Length > text.Length)
        {
            return null;
        }
        var command = text.Substring(1, entity.Length - 1);
        var at = command.IndexOf('@', StringComparison.Ordinal);
        var addressed = false;
        if (at >= 0)
        {
            var target = command[(at + 1)..];
            if (ourUsername is null || !string.Equals(target, ourUsername, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            addressed = true;
            command = command[..at];
        }
        if (command.Length == 0)
        {
            return null;
        }
        return new ParsedCommand(command.ToLowerInvariant(), text[entity.Length..].Trim(), addressed);
    }

    /// <summary>A callback button's data is the action's command string: "quadrant BTCUSDT".</summary>
    public static ParsedCommand? ParseCallbackData(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return null;
        }
        var trimmed = data.Trim().TrimStart('/');
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? trimmed : trimmed[..space];
        var args = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        return name.Length == 0 ? null : new ParsedCommand(name.ToLowerInvariant(), args, AddressedToUs: true);
    }
}
