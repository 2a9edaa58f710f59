using System.Data.Common;
using DerivBot.Core.Markets;
using DerivBot.Core.OptionChains;

namespace DerivBot.Application.Persistence;

/// <summary>
/// Market and options history rows as both stores select them (time first, then the values). Values are decimals, which
/// each database keeps its own way (SQLite as invariant text, PostgreSQL as numeric): the store passes <c>readDecimal</c>.
/// </summary>
public static class HistoryRows
{
    /// <summary>The history tables the market-history prune empties before its cut-off (each with a <c>time</c> column).</summary>
    public static IReadOnlyList<string> Tables { get; } = ["history_funding", "history_open_interest", "history_long_short", "history_options"];

    /// <summary>The select lists of <see cref="Funding"/>, <see cref="OpenInterest"/> and <see cref="LongShort"/>.</summary>
    public const string FundingSelect = "SELECT time, rate, mark_price, NULL FROM history_funding";
    public const string OpenInterestSelect = "SELECT time, contracts, value_usd, NULL FROM history_open_interest";
    public const string LongShortSelect = "SELECT time, ratio, long_share, short_share FROM history_long_short";

    /// <summary>The select list of <see cref="Options"/> (its WHERE clause is the store's).</summary>
    public const string OptionsSelect = "SELECT time, put_call_oi, put_call_volume, call_oi_share, atm_iv, underlying_price FROM history_options";

    public static FundingRatePoint Funding(DbDataReader r, Func<DbDataReader, int, decimal> readDecimal) =>
        new(r.Time(0), Required(readDecimal)(r, 1), DecimalOrNull(r, 2, readDecimal));

    public static OpenInterestPoint OpenInterest(DbDataReader r, Func<DbDataReader, int, decimal> readDecimal) =>
        new(r.Time(0), Required(readDecimal)(r, 1), readDecimal(r, 2));

    public static RatioPoint LongShort(DbDataReader r, Func<DbDataReader, int, decimal> readDecimal) =>
        new(r.Time(0), Required(readDecimal)(r, 1), readDecimal(r, 2), readDecimal(r, 3));

    public static OptionsHistoryPoint Options(DbDataReader r, Func<DbDataReader, int, decimal> readDecimal) =>
        new(r.Time(0), DecimalOrNull(r, 1, readDecimal), DecimalOrNull(r, 2, readDecimal), DecimalOrNull(r, 3, readDecimal),
            DecimalOrNull(r, 4, readDecimal), DecimalOrNull(r, 5, readDecimal));

    public static decimal? DecimalOrNull(DbDataReader r, int i, Func<DbDataReader, int, decimal> readDecimal)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.IsDBNull(i) ? null : Required(readDecimal)(r, i);
    }

    private static Func<DbDataReader, int, decimal> Required(Func<DbDataReader, int, decimal> readDecimal) =>
        readDecimal ?? throw new ArgumentNullException(nameof(readDecimal));
}
