using DerivBot.Core.Chat;
using Microsoft.Extensions.Configuration;

namespace DerivBot.Host.Hosting;

/// <summary>Where the console transport, <c>ask</c> and <c>demo</c> write the images a chat would receive (<c>Demo:OutputDirectory</c>, default ./out).</summary>
public sealed class ImageFolder(IConfiguration configuration)
{
    private int _sequence;

    public string Path { get; } = System.IO.Path.GetFullPath(configuration["Demo:OutputDirectory"] is { Length: > 0 } d ? d : "out");

    /// <summary>Writes the PNG under a unique, ordered name and returns the path.</summary>
    public async Task<string> SaveAsync(ChartImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        Directory.CreateDirectory(Path);
        var n = Interlocked.Increment(ref _sequence);
        var safe = string.Concat(image.FileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        var file = System.IO.Path.Combine(Path, $"{n:000}-{safe}");
        await File.WriteAllBytesAsync(file, image.Png, cancellationToken).ConfigureAwait(false);
        return file;
    }
}
