using DerivBot.Core.Markets;

namespace DerivBot.Venues.Replay;

/// <summary>Everything the replay serves for one symbol, parsed from the shipped Binance-format files.</summary>
internal sealed class ReplaySymbolData
{
    public required PerpetualContract Contract { get; init; }
    public required TimedSeries<Kline> Klines { get; init; }
    public required TimedSeries<PremiumIndex> Premium { get; init; }
    public required TimedSeries<FundingRatePoint> Funding { get; init; }
    public required TimedSeries<OpenInterestPoint> OpenInterest { get; init; }
    public required TimedSeries<RatioPoint> GlobalAccounts { get; init; }
    public required TimedSeries<RatioPoint> TopAccounts { get; init; }
    public required TimedSeries<RatioPoint> TopPositions { get; init; }
    public required TimedSeries<TakerVolumePoint> Taker { get; init; }
}
