using DerivBot.Core.Markets;

namespace DerivBot.Venues.Bybit;

// Bybit's names for our periods and kline intervals.
public sealed partial class BybitVenue
{
    /// <summary>Bybit's <c>intervalTime</c>/<c>period</c> values; 2 h, 6 h and 12 h do not exist there.</summary>
    internal static string? WirePeriod(DataPeriod period) => period switch
    {
        DataPeriod.M5 => "5min",
        DataPeriod.M15 => "15min",
        DataPeriod.M30 => "30min",
        DataPeriod.H1 => "1h",
        DataPeriod.H4 => "4h",
        DataPeriod.D1 => "1d",
        _ => null,
    };

    /// <summary>Bybit kline intervals in minutes (or D); there is no 8 h candle.</summary>
    internal static string? WireInterval(KlineInterval interval) => interval switch
    {
        KlineInterval.M1 => "1",
        KlineInterval.M3 => "3",
        KlineInterval.M5 => "5",
        KlineInterval.M15 => "15",
        KlineInterval.M30 => "30",
        KlineInterval.H1 => "60",
        KlineInterval.H2 => "120",
        KlineInterval.H4 => "240",
        KlineInterval.H6 => "360",
        KlineInterval.H12 => "720",
        KlineInterval.D1 => "D",
        _ => null,
    };

    private static KlineInterval? KlineIntervalOf(DataPeriod period) => period switch
    {
        DataPeriod.M5 => KlineInterval.M5,
        DataPeriod.M15 => KlineInterval.M15,
        DataPeriod.M30 => KlineInterval.M30,
        DataPeriod.H1 => KlineInterval.H1,
        DataPeriod.H4 => KlineInterval.H4,
        DataPeriod.D1 => KlineInterval.D1,
        _ => null,
    };
}
