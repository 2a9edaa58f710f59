namespace DerivBot.Testing;

/// <summary>Every network test bounds its wait with one of these so a hung fake fails instead of hanging CI.</summary>
public static class TestTimeouts
{
    /// <summary>Default bound for a loopback network test.</summary>
    public static readonly TimeSpan Network = TimeSpan.FromSeconds(20);

    public static CancellationTokenSource NetworkToken() => new(Network);

    /// <summary>Waits until <paramref name="condition"/> holds, polling; throws TimeoutException after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? Network;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting for {what ?? "a condition"}.");
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
