namespace DerivBot.Venues;

/// <summary>How the bot gets market data.</summary>
public enum VenueMode
{
    /// <summary>The enabled venues over the network (the default for <c>run</c> and <c>ask</c>).</summary>
    Live,
    /// <summary>The shipped scenario, played back through the same parsers (<c>demo</c>, <c>ask --replay</c>).</summary>
    Replay,
}
