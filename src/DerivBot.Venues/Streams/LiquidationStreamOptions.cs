using DerivBot.Venues.Http;

namespace DerivBot.Venues.Streams;

/// <summary>Timing of a per-venue liquidation WebSocket (Bybit <c>allLiquidation</c>, OKX <c>liquidation-orders</c>).
/// Bound under <c>Venues:{Venue}:Liquidations</c>.</summary>
public sealed class LiquidationStreamOptions
{
    /// <summary>Application-level keepalive period (Bybit <c>{"op":"ping"}</c>, OKX text <c>ping</c>). Bybit asks for about
    /// 20 s; OKX cuts a connection idle for 30 s.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>No frame at all (pongs included) for this long → the connection is treated as dead and replaced.</summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the watched symbols are re-read and the subscription adjusted (one market refresh cycle).</summary>
    public TimeSpan SubscriptionRefresh { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First reconnect delay; doubles per consecutive failure up to <see cref="ReconnectBackoffMax"/>, jittered ×0.5–1.</summary>
    public TimeSpan ReconnectBackoffMin { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectBackoffMax { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Connect timeout.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate(List<string> errors, string prefix)
    {
        OptionChecks.Positive(errors, prefix + nameof(PingInterval), PingInterval);
        OptionChecks.Positive(errors, prefix + nameof(SilenceTimeout), SilenceTimeout);
        OptionChecks.Positive(errors, prefix + nameof(SubscriptionRefresh), SubscriptionRefresh);
        OptionChecks.NotNegative(errors, prefix + nameof(ReconnectBackoffMin), ReconnectBackoffMin);
        OptionChecks.NotNegative(errors, prefix + nameof(ReconnectBackoffMax), ReconnectBackoffMax);
        OptionChecks.Positive(errors, prefix + nameof(ConnectTimeout), ConnectTimeout);
        if (SilenceTimeout <= PingInterval)
        {
            errors.Add($"{prefix}{nameof(SilenceTimeout)} must be longer than {prefix}{nameof(PingInterval)} (the pong resets it)");
        }
    }
}
