namespace DerivBot.Core.Signals;

/// <summary>The funding × open-interest crowding model's states (ids are stable: they appear in JSON and storage).</summary>
public enum QuadrantState
{
    /// <summary>None of the states below.</summary>
    Neutral,
    /// <summary>Funding positive and rising or elevated while OI rises: longs pile in and pay for it.</summary>
    LongCrowding,
    /// <summary>Funding negative while OI rises: shorts pile in; short-squeeze risk.</summary>
    ShortCrowding,
    /// <summary>Funding swinging while OI is flat: position swapping; funding is not a usable signal now.</summary>
    Churn,
    /// <summary>Funding back near neutral while OI falls sharply: leverage flushed out.</summary>
    Deleveraging,
}
