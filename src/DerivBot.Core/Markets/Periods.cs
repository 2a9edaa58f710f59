namespace DerivBot.Core.Markets;

/// <summary>Aggregation period of Binance's <c>/futures/data/*</c> statistics.</summary>
public enum DataPeriod { M5, M15, M30, H1, H2, H4, H6, H12, D1 }

/// <summary>Candle interval.</summary>
public enum KlineInterval { M1, M3, M5, M15, M30, H1, H2, H4, H6, H8, H12, D1 }

/// <summary>Wire names and durations of periods and intervals.</summary>
public static class PeriodExtensions
{
    public static string ToWire(this DataPeriod p) => p switch
    {
        DataPeriod.M5 => "5m", DataPeriod.M15 => "15m", DataPeriod.M30 => "30m", DataPeriod.H1 => "1h",
        DataPeriod.H2 => "2h", DataPeriod.H4 => "4h", DataPeriod.H6 => "6h", DataPeriod.H12 => "12h",
        DataPeriod.D1 => "1d", _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    public static TimeSpan ToTimeSpan(this DataPeriod p) => p switch
    {
        DataPeriod.M5 => TimeSpan.FromMinutes(5), DataPeriod.M15 => TimeSpan.FromMinutes(15),
        DataPeriod.M30 => TimeSpan.FromMinutes(30), DataPeriod.H1 => TimeSpan.FromHours(1),
        DataPeriod.H2 => TimeSpan.FromHours(2), DataPeriod.H4 => TimeSpan.FromHours(4),
        DataPeriod.H6 => TimeSpan.FromHours(6), DataPeriod.H12 => TimeSpan.FromHours(12),
        DataPeriod.D1 => TimeSpan.FromDays(1), _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    public static string ToWire(this KlineInterval i) => i switch
    {
        KlineInterval.M1 => "1m", KlineInterval.M3 => "3m", KlineInterval.M5 => "5m", KlineInterval.M15 => "15m",
        KlineInterval.M30 => "30m", KlineInterval.H1 => "1h", KlineInterval.H2 => "2h", KlineInterval.H4 => "4h",
        KlineInterval.H6 => "6h", KlineInterval.H8 => "8h", KlineInterval.H12 => "12h", KlineInterval.D1 => "1d",
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public static TimeSpan ToTimeSpan(this KlineInterval i) => i switch
    {
        KlineInterval.M1 => TimeSpan.FromMinutes(1), KlineInterval.M3 => TimeSpan.FromMinutes(3),
        KlineInterval.M5 => TimeSpan.FromMinutes(5), KlineInterval.M15 => TimeSpan.FromMinutes(15),
        KlineInterval.M30 => TimeSpan.FromMinutes(30), KlineInterval.H1 => TimeSpan.FromHours(1),
        KlineInterval.H2 => TimeSpan.FromHours(2), KlineInterval.H4 => TimeSpan.FromHours(4),
        KlineInterval.H6 => TimeSpan.FromHours(6), KlineInterval.H8 => TimeSpan.FromHours(8),
        KlineInterval.H12 => TimeSpan.FromHours(12), KlineInterval.D1 => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public static bool TryParseKlineInterval(string text, out KlineInterval interval)
    {
        foreach (var candidate in Enum.GetValues<KlineInterval>())
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.OrdinalIgnoreCase))
            {
                interval = candidate;
                return true;
            }
        }
        interval = default;
        return false;
    }
}

/// <summary>A history request window; null members are left to the venue's defaults (latest rows).</summary>
/// <param name="Limit">Row count; venues clamp it to their maximum.</param>
public readonly record struct HistoryQuery(DateTimeOffset? Start = null, DateTimeOffset? End = null, int? Limit = null);
