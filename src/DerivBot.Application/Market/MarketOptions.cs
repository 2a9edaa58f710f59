using DerivBot.Core.Markets;

namespace DerivBot.Application.Market;

/// <summary>Settings of the in-memory market store. Section <c>Market</c>.</summary>
public sealed class MarketOptions
{
    public const string Section = "Market";

    /// <summary>
    /// How far back the 5-minute statistics (open interest, long/short ratios, taker volume) and klines are backfilled
    /// when a symbol is first watched, and how much of them is kept. Binance serves at most 30 days. Default 7 days.
    /// </summary>
    public TimeSpan HistoryDepth { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How far back settled funding is backfilled and kept. Default 30 days (90 settlements at 8 h).</summary>
    public TimeSpan FundingHistoryDepth { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Period of the open-interest, ratio and taker statistics. Default <c>M5</c> (5 minutes).</summary>
    public DataPeriod StatisticsPeriod { get; set; } = DataPeriod.M5;

    /// <summary>Interval of the kept klines. Default <c>M5</c>.</summary>
    public KlineInterval KlineInterval { get; set; } = KlineInterval.M5;

    /// <summary>Spacing of the predicted-funding / mark-price samples (one per bucket, last value wins). Default 5 minutes.</summary>
    public TimeSpan PredictedSampleInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Liquidations kept per symbol (ring size); the oldest are dropped first. Default 5,000.</summary>
    public int LiquidationsPerSymbol { get; set; } = 5_000;

    /// <summary>Liquidations older than this are dropped. Default 3 days.</summary>
    public TimeSpan LiquidationRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Besides watched symbols, the refresh also keeps this many of the largest symbols by 24 h futures quote volume
    /// loaded (so /top-style commands answer from memory). 0 disables. Default 20.
    /// </summary>
    public int TopN { get; set; } = 20;

    /// <summary>How long a symbol that was only read (not watched) stays loaded and refreshed. Default 30 minutes.</summary>
    public TimeSpan WarmLease { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the bulk <c>fundingInfo</c> (funding intervals) and <c>exchangeInfo</c> (universe) are re-read. Default 1 hour.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Symbols loaded or refreshed at the same time within one cycle. Default 4.</summary>
    public int MaxConcurrentSymbols { get; set; } = 4;

    /// <summary>Wait before restarting the stream when <c>IMarketStream.RunAsync</c> fails. Default 5 seconds.</summary>
    public TimeSpan StreamRestartDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Cadence of the refresh job. Not read from this section: it is copied from <c>Jobs:RefreshInterval</c> (default
    /// 1 minute) so staleness is judged against the real job cadence.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal int StatisticsCapacity => Math.Max(1, (int)(HistoryDepth / StatisticsPeriod.ToTimeSpan()) + 1);

    internal int KlineCapacity => Math.Max(1, (int)(HistoryDepth / KlineInterval.ToTimeSpan()) + 1);

    internal int PredictedCapacity => Math.Max(1, (int)(HistoryDepth / PredictedSampleInterval) + 1);

    // One settlement per hour is the densest Binance schedule.
    internal int FundingCapacity => Math.Max(1, (int)FundingHistoryDepth.TotalHours + 1);
}
