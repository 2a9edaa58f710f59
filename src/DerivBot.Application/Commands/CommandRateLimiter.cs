using DerivBot.Application.Subscriptions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Commands;

public enum RateDecision
{
    /// <summary>Run the command.</summary>
    Allowed,
    /// <summary>Over the limit for the first time in this streak: send ONE "slow down" reply.</summary>
    RefuseWithNotice,
    /// <summary>Still over the limit and already told: drop silently.</summary>
    RefuseSilently,
}

/// <summary>Per-user command limit (<see cref="LimitsOptions.CommandsPerUserPerMinute"/>), a token bucket refilled
/// evenly over the minute, with a single notice per streak of excess commands.</summary>
public sealed class CommandRateLimiter(IOptionsMonitor<LimitsOptions> options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, State> _users = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep;

    public int PerMinute => options.CurrentValue.CommandsPerUserPerMinute;

    public RateDecision Check(string userKey)
    {
        var limit = (double)PerMinute;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now, limit);
            if (!_users.TryGetValue(userKey, out var state))
            {
                state = new State { Tokens = limit, At = now };
                _users[userKey] = state;
            }
            state.Tokens = Math.Min(limit, state.Tokens + (now - state.At).TotalMinutes * limit);
            state.At = now;
            if (state.Tokens >= 1)
            {
                state.Tokens -= 1;
                state.Notified = false;
                return RateDecision.Allowed;
            }
            if (state.Notified)
            {
                return RateDecision.RefuseSilently;
            }
            state.Notified = true;
            return RateDecision.RefuseWithNotice;
        }
    }

    private void Sweep(DateTimeOffset now, double limit)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(5))
        {
            return;
        }
        _lastSweep = now;
        foreach (var (key, state) in _users.ToList())
        {
            if (state.Tokens + (now - state.At).TotalMinutes * limit >= limit)
            {
                _users.Remove(key);
            }
        }
    }

    private sealed class State
    {
        public double Tokens { get; set; }
        public DateTimeOffset At { get; set; }
        public bool Notified { get; set; }
    }
}
