using DerivBot.Core.Markets;

namespace DerivBot.Venues.Okx;

// OKX's names for our periods (Rubik) and kline intervals (candle bars).
public sealed partial class OkxVenue
{
    /// <summary>Rubik periods; the 6 h/12 h/1 d ones in their UTC-aligned form.</summary>
    internal static string RubikPeriod(DataPeriod period) => period switch
    {
        DataPeriod.M5 => "5m",
        DataPeriod.M15 => "15m",
        DataPeriod.M30 => "30m",
        DataPeriod.H1 => "1H",
        DataPeriod.H2 => "2H",
        DataPeriod.H4 => "4H",
        DataPeriod.H6 => "6Hutc",
        DataPeriod.H12 => "12Hutc",
        DataPeriod.D1 => "1Dutc",
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>Candle bars (UTC-aligned for 6 h and longer); OKX has no 8 h bar.</summary>
    internal static string? Bar(KlineInterval interval) => interval switch
    {
        KlineInterval.M1 => "1m",
        KlineInterval.M3 => "3m",
        KlineInterval.M5 => "5m",
        KlineInterval.M15 => "15m",
        KlineInterval.M30 => "30m",
        KlineInterval.H1 => "1H",
        KlineInterval.H2 => "2H",
        KlineInterval.H4 => "4H",
        KlineInterval.H6 => "6Hutc",
        KlineInterval.H12 => "12Hutc",
        KlineInterval.D1 => "1Dutc",
        _ => null,
    };
}
