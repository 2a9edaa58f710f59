namespace DerivBot.Discord.Gateway;

/// <summary>
/// Keeps us under Discord's 120 gateway sends per 60 s per connection (apis.md D.1). A few slots are kept for
/// heartbeats so ordinary sends can never starve them into a zombie disconnect.
/// </summary>
internal sealed class GatewaySendGate(TimeProvider time, int limit = 120, TimeSpan? window = null, int reservedForHeartbeats = 5)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromSeconds(60);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly object _gate = new();

    public int Limit => limit;

    /// <summary>Waits for a slot, then takes it.</summary>
    public async Task WaitAsync(bool heartbeat, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                while (_sent.Count > 0 && now - _sent.Peek() >= _window)
                {
                    _sent.Dequeue();
                }
                var allowed = heartbeat ? limit : limit - reservedForHeartbeats;
                if (_sent.Count < allowed)
                {
                    _sent.Enqueue(now);
                    return;
                }
                // The slot frees when enough of the oldest sends leave the window.
                wait = _sent.ElementAt(_sent.Count - allowed) + _window - now;
            }
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
