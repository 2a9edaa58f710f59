namespace DerivBot.Host.Hosting;

/// <summary>Where the one-shot verbs and the console transport print (the process console, or a test's capture).</summary>
public sealed class ConsoleOutput(TextWriter stdout, TextWriter stderr) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>Writes a block atomically so concurrent posts never interleave line by line.</summary>
    public async Task WriteBlockAsync(string text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Out.WriteLineAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            await Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
