using DerivBot.Core.Ports;

namespace DerivBot.Venues;

/// <summary>
/// Section <c>Venues</c>. Arrays are given as JSON arrays, as <c>Venues:Enabled:0</c>, <c>Venues:Enabled:1</c>, … (environment
/// <c>Venues__Enabled__0=Binance</c>) or as one comma-separated value; configured entries REPLACE the default list
/// (they are not appended to it). Names are case-insensitive. Keep <c>Enabled</c>/<c>Primary</c> out of
/// <c>appsettings.json</c>: configuration merges arrays by index, so a shorter environment array would only overwrite
/// the first entries of a file's array.
/// </summary>
public sealed class VenuesOptions
{
    public const string SectionName = "Venues";

    /// <summary>Venue names accepted in <see cref="Enabled"/> (Deribit is the options venue).</summary>
    public static readonly IReadOnlyList<string> KnownVenues = [.. VenueIds.Perpetuals, VenueIds.Deribit];

    /// <summary>Venues with a full <see cref="IMarketDataVenue"/> (klines, history, ratios) that can feed the market store.</summary>
    public static readonly IReadOnlyList<string> PrimaryCapable = [VenueIds.Binance, VenueIds.Bybit, VenueIds.Okx, VenueIds.Aster];

    /// <summary>Default of <see cref="Enabled"/>: every venue the bot knows — the perpetuals venues and Deribit for options.</summary>
    public static readonly IReadOnlyList<string> DefaultEnabled = KnownVenues;

    /// <summary>Default of <see cref="Primary"/>.</summary>
    public static readonly IReadOnlyList<string> DefaultPrimary = [VenueIds.Binance, VenueIds.Bybit, VenueIds.Okx];

    /// <summary><c>Live</c> (default) or <c>Replay</c>.</summary>
    public VenueMode Mode { get; set; } = VenueMode.Live;

    /// <summary>
    /// Venues to use (ids of <see cref="VenueIds"/>, case-insensitive). Default: Binance, Bybit, Okx, Hyperliquid, Gate,
    /// Aster. After start-up this holds the effective lower-case list.
    /// </summary>
    public IList<string> Enabled { get; set; } = [];

    /// <summary>
    /// Order in which venues are tried as the primary source of the market store. Default: Binance, Bybit, Okx. Entries
    /// not enabled are skipped; only Binance, Bybit, Okx and Aster may appear. After start-up this holds the effective
    /// (enabled) lower-case order.
    /// </summary>
    public IList<string> Primary { get; set; } = [];

    /// <summary>Longest one venue call may take (all its requests together): an unreachable venue costs a reply at most this. Default 00:00:05.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
