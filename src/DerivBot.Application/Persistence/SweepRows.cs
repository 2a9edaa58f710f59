using System.Data.Common;
using DerivBot.Application.Study;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Persistence;

/// <summary>Liquidation sweep rows as both stores select them, and the one order both return them in.</summary>
public static class SweepRows
{
    /// <summary>The select list and FROM of <see cref="Read"/> (the WHERE clause is the store's).</summary>
    public const string Select = """
        SELECT side, band_low, band_high, estimated_usd, realised_usd, realised_count, entered_at, crossed_at, realised_venues
        FROM liquidation_sweeps
        """;

    /// <summary>
    /// Band bottoms are stored normalised (no trailing zeros) so the same decimal always makes the same key (SQLite keeps
    /// decimals as text); PostgreSQL's numeric keys compare by value anyway.
    /// </summary>
    public static decimal NormalisedBandLow(StoredSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return sweep.BandLow / 1.000000000000000000000000000000000m;
    }

    public static string Venues(StoredSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return string.Join(',', sweep.RealisedVenues);
    }

    public static StoredSweep Read(DbDataReader r, string venue, Symbol symbol, Func<DbDataReader, int, decimal> readDecimal)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(readDecimal);
        var venues = r.GetString(8);
        return new StoredSweep(venue, symbol.Value, Enum.Parse<PositionSide>(r.GetString(0)), readDecimal(r, 1), readDecimal(r, 2),
            readDecimal(r, 3), readDecimal(r, 4), r.GetInt32(5), r.Time(6), r.Time(7),
            venues.Length == 0 ? [] : venues.Split(','));
    }

    /// <summary>
    /// The order both stores return sweeps in, sorted here because SQLite's band bottoms are text: crossing time, entry
    /// time, side (by its enum value), band bottom as a number.
    /// </summary>
    public static List<StoredSweep> Ordered(IEnumerable<StoredSweep> sweeps) =>
        sweeps.OrderBy(x => x.CrossedAt).ThenBy(x => x.EnteredAt).ThenBy(x => x.Side).ThenBy(x => x.BandLow).ToList();
}
