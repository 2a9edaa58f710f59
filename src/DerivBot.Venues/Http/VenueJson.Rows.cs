namespace DerivBot.Venues.Http;

// Positional rows of a DTO (Bybit klines, OKX candles and Rubik series): a slot by index, required or optional.
internal readonly partial record struct VenueJson
{
    /// <summary>Slot <paramref name="index"/> of a positional row (Bybit klines, OKX candles and Rubik rows).</summary>
    public static decimal? At(decimal?[]? row, int index) => row is not null && index < row.Length ? row[index] : null;

    public decimal RequireAt(decimal?[]? row, int index) => At(row, index) ?? throw Missing($"[{index}]");

    /// <summary>Slot <paramref name="index"/> of a row as an epoch-ms time (a whole, positive number).</summary>
    public DateTimeOffset RequireTimeAt(decimal?[]? row, int index) =>
        At(row, index) is { } ms && ms > 0 && ms == decimal.Truncate(ms) && ms <= long.MaxValue
            ? FromMs((long)ms, $"[{index}]")
            : throw Missing($"[{index}]");
}
