namespace DerivBot.Core.Markets;

/// <summary>
/// An immutable, point-in-time view of everything the bot knows about one symbol on one venue. The market store
/// produces it; signals and report builders read it. Every series is sorted oldest first and may be empty.
/// </summary>
public sealed record MarketSnapshot
{
    public required string Venue { get; init; }
    public required Symbol Symbol { get; init; }

    /// <summary>Instrument metadata, when the universe is known.</summary>
    public PerpetualContract? Contract { get; init; }

    /// <summary>Latest mark price and predicted funding (from REST or the mark-price stream).</summary>
    public PremiumIndex? Premium { get; init; }

    /// <summary>Funding interval of this symbol in hours (1, 4 or 8 on Binance; 8 when the venue says nothing).</summary>
    public int FundingIntervalHours { get; init; } = 8;

    /// <summary>Settled funding payments.</summary>
    public IReadOnlyList<FundingRatePoint> FundingHistory { get; init; } = [];

    /// <summary>Samples of the predicted funding rate over time (one per refresh / 5 minutes), fraction per interval.</summary>
    public IReadOnlyList<FundingRatePoint> PredictedFunding { get; init; } = [];

    /// <summary>Open interest history (5-minute points, newest live value last).</summary>
    public IReadOnlyList<OpenInterestPoint> OpenInterest { get; init; } = [];

    public IReadOnlyList<RatioPoint> GlobalAccountRatio { get; init; } = [];
    public IReadOnlyList<RatioPoint> TopAccountRatio { get; init; } = [];
    public IReadOnlyList<RatioPoint> TopPositionRatio { get; init; } = [];
    public IReadOnlyList<TakerVolumePoint> TakerVolume { get; init; } = [];

    /// <summary>Candles at <see cref="KlineInterval"/>.</summary>
    public IReadOnlyList<Kline> Klines { get; init; } = [];

    /// <summary>Interval of <see cref="Klines"/>.</summary>
    public KlineInterval KlineInterval { get; init; } = KlineInterval.M5;

    /// <summary>Liquidations seen on the stream (or replayed), oldest first.</summary>
    public IReadOnlyList<Liquidation> Liquidations { get; init; } = [];

    public Ticker24h? FuturesTicker { get; init; }

    /// <summary>The matching spot pair's ticker (e.g. PEPEUSDT for 1000PEPEUSDT), when one exists.</summary>
    public Ticker24h? SpotTicker { get; init; }

    /// <summary>Contract units per spot unit: 1000 for 1000PEPEUSDT ↔ PEPEUSDT, otherwise 1.</summary>
    public decimal SpotMultiplier { get; init; } = 1m;

    /// <summary>When the newest data in this snapshot was produced by the venue.</summary>
    public required DateTimeOffset DataTime { get; init; }

    /// <summary>How often the store refreshes this symbol; data older than this is stale.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Set by the store when the last refresh failed and this is the last good data.</summary>
    public bool RefreshFailed { get; init; }

    /// <summary>True when the data is older than its refresh interval (with a grace of one interval) or the last refresh failed.</summary>
    public bool IsStale(DateTimeOffset now) => RefreshFailed || now - DataTime > RefreshInterval * 2;
}
