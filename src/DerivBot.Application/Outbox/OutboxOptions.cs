namespace DerivBot.Application.Outbox;

/// <summary>The durable outbox drainer. Section: <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// Messages in flight per platform (<c>Outbox:MaxInFlight</c>, default 8, 1–64), never two for one chat. A message
    /// counts as in flight from the moment it is claimed until its "sent" mark is committed, so after a crash at most
    /// this many messages per platform can be delivered twice. The platform's pacer is the only throttle: the goal
    /// needs rate × round trip (30/s × 100 ms = 3), 8 leaves headroom for slower round trips.
    /// </summary>
    public int MaxInFlight { get; set; } = 8;

    /// <summary>
    /// How long a claimed message stays invisible to other instances (<c>Outbox:ClaimLease</c>, default 00:00:30,
    /// 00:00:05–00:10:00). The claim is cleared when its result is recorded; an instance that died holding it delays that
    /// chat's messages by at most this long, after which another instance takes the message over (and may send it a
    /// second time if the dead one had already sent it). A live instance renews the claims of its sends still running
    /// at half the lease, so a slow send is never taken over.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Validates <see cref="OutboxOptions"/>; messages name the configuration key.</summary>
public sealed class OutboxOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<OutboxOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxInFlight is < 1 or > 64)
        {
            return Microsoft.Extensions.Options.ValidateOptionsResult.Fail($"Outbox:MaxInFlight must be 1–64 (was {options.MaxInFlight}).");
        }
        return options.ClaimLease < TimeSpan.FromSeconds(5) || options.ClaimLease > TimeSpan.FromMinutes(10)
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail($"Outbox:ClaimLease must be between 00:00:05 and 00:10:00 (was {options.ClaimLease}).")
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }
}
