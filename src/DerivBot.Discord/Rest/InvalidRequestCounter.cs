using Microsoft.Extensions.Logging;

namespace DerivBot.Discord.Rest;

/// <summary>
/// Counts invalid requests (401, 403, 429 except shared-scope 429) over a sliding 10 minutes. Discord bans the IP
/// for a while at 10,000 (apis.md D.4), so we warn well before: at <see cref="WarnAt"/> and every 1,000 after.
/// </summary>
internal sealed class InvalidRequestCounter(TimeProvider time, ILogger logger, int warnAt = 5000)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public const int Limit = 10_000;

    private readonly Queue<DateTimeOffset> _hits = new();
    private readonly object _gate = new();
    private int _lastWarnedAt;

    public int WarnAt { get; } = warnAt;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Prune(time.GetUtcNow());
                return _hits.Count;
            }
        }
    }

    public void Record(int status, string route)
    {
        int count;
        bool warn;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            _hits.Enqueue(now);
            count = _hits.Count;
            if (count < WarnAt)
            {
                _lastWarnedAt = 0;
            }
            var step = count >= WarnAt ? WarnAt + ((count - WarnAt) / 1000 * 1000) : 0;
            warn = step > 0 && step > _lastWarnedAt;
            if (warn)
            {
                _lastWarnedAt = step;
            }
        }
        if (warn)
        {
            logger.LogWarning(
                "Discord invalid requests: {Count} in the last 10 minutes (last: HTTP {Status} on {Route}); at {Limit} Discord bans this IP temporarily",
                count, status, route, Limit);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_hits.Count > 0 && now - _hits.Peek() >= Window)
        {
            _hits.Dequeue();
        }
    }
}
