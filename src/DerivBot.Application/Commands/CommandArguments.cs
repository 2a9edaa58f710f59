namespace DerivBot.Application.Commands;

/// <summary>Splits raw command arguments ("btc 7d") into tokens; platforms join slash-command options with spaces.</summary>
public static class CommandArguments
{
    public static IReadOnlyList<string> Split(string? arguments) =>
        string.IsNullOrWhiteSpace(arguments)
            ? []
            : arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Lower-case command name without a leading slash or a Telegram "@botname" suffix.</summary>
    public static string NormalizeName(string? command)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return string.Empty;
        }
        var name = command.Trim().TrimStart('/');
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }
        return name.ToLowerInvariant();
    }

    /// <summary><paramref name="arguments"/> with the first token equal to <paramref name="token"/> replaced.</summary>
    public static string ReplaceToken(string arguments, string token, string replacement)
    {
        var parts = Split(arguments).ToList();
        var index = parts.FindIndex(p => string.Equals(p, token, StringComparison.Ordinal));
        if (index < 0)
        {
            parts.Insert(0, replacement);
        }
        else
        {
            parts[index] = replacement;
        }
        return string.Join(' ', parts);
    }
}
