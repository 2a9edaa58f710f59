using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Commands;

/// <summary>Keeps the command hash in a small text file (<see cref="DiscordOptions.CommandHashPath"/>).</summary>
public sealed class FileDiscordCommandHashStore(IOptions<DiscordOptions> options) : IDiscordCommandHashStore
{
    private readonly string _path = Path.GetFullPath(options.Value.CommandHashPath);

    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return null;
        }
        var text = (await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)).Trim();
        return text.Length == 0 ? null : text;
    }

    public async Task WriteAsync(string hash, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        // Write then rename, so a crash mid-write never leaves half a hash that would look "changed" forever.
        var temp = _path + ".tmp";
        await File.WriteAllTextAsync(temp, hash + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(temp, _path, overwrite: true);
    }
}
