using System.ComponentModel.DataAnnotations;

namespace DerivBot.Venues.Replay;

/// <summary>Settings of the replay venue and clock. Section <c>Venues:Replay</c>; every key is optional.</summary>
public sealed class ReplayOptions
{
    public const string Section = "Venues:Replay";

    /// <summary>Scenario instant the replay clock starts at; null = the scenario's suggested start (a few hours before the cascade).</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Scenario seconds per real second for the replay clock. Default 3600 (an hour per second).</summary>
    [Range(0.001, 10_000_000)]
    public double Speed { get; set; } = 3600;

    /// <summary>How often (in scenario time) the replay stream wakes to push mark prices and due liquidations. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan StreamStep { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Liquidations from this long before the stream connects are pushed at once on connect (replay-only convenience so
    /// a demo starting after the cascade still has liquidations in memory). Default 0: like Binance, no history.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "10.00:00:00")]
    public TimeSpan StreamBacklog { get; set; } = TimeSpan.Zero;
}
