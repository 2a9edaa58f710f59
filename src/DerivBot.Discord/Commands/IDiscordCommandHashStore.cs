namespace DerivBot.Discord.Commands;

/// <summary>
/// Remembers the hash of the slash-command definitions last registered with Discord, so a restart with unchanged
/// commands skips the bulk overwrite (each new command counts against Discord's 200 creates per day).
/// </summary>
public interface IDiscordCommandHashStore
{
    /// <summary>The stored hash (lower-case hex SHA-256), or null when none was stored yet.</summary>
    Task<string?> ReadAsync(CancellationToken cancellationToken);

    Task WriteAsync(string hash, CancellationToken cancellationToken);
}
