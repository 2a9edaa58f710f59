namespace DerivBot.Storage;

/// <summary>Schema steps for the bot's own market and options history and the heatmap check's sweeps (the ordered list is in <c>Migrations.cs</c>).</summary>
internal static partial class Migrations
{
    // 3: the bot's own market history (decimals as invariant text, times as Unix milliseconds).
    private const string MarketHistory = """
        CREATE TABLE history_funding (
            venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL,
            rate TEXT NOT NULL, mark_price TEXT,
            PRIMARY KEY (venue, symbol, time)) WITHOUT ROWID;
        CREATE TABLE history_open_interest (
            venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL,
            contracts TEXT NOT NULL, value_usd TEXT NOT NULL,
            PRIMARY KEY (venue, symbol, time)) WITHOUT ROWID;
        CREATE TABLE history_long_short (
            venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL,
            ratio TEXT NOT NULL, long_share TEXT NOT NULL, short_share TEXT NOT NULL,
            PRIMARY KEY (venue, symbol, time)) WITHOUT ROWID;
        """;

    // 4: options positioning history per venue and coin (issue #12); ratios and IV as invariant text, NULL when undefined.
    private const string OptionsHistory = """
        CREATE TABLE history_options (
            venue TEXT NOT NULL, asset TEXT NOT NULL, time INTEGER NOT NULL,
            put_call_oi TEXT, put_call_volume TEXT, call_oi_share TEXT, atm_iv TEXT, underlying_price TEXT,
            PRIMARY KEY (venue, asset, time)) WITHOUT ROWID;
        """;

    // 7: the heatmap check's sweeps (modelled vs realised), stored once each when the refresh cycle detects them,
    // and since when each symbol has been checked (the calibration's real coverage). Self-contained.
    private const string Sweeps = """
        CREATE TABLE liquidation_sweeps (
            venue TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL,
            band_low TEXT NOT NULL,
            band_high TEXT NOT NULL,
            estimated_usd TEXT NOT NULL,
            realised_usd TEXT NOT NULL,
            realised_count INTEGER NOT NULL,
            entered_at INTEGER NOT NULL,
            crossed_at INTEGER NOT NULL,
            realised_venues TEXT NOT NULL,
            UNIQUE (venue, symbol, side, entered_at, band_low));
        CREATE INDEX ix_liquidation_sweeps_crossed ON liquidation_sweeps(venue, symbol, crossed_at);
        CREATE TABLE liquidation_sweep_coverage (
            venue TEXT NOT NULL,
            symbol TEXT NOT NULL,
            checked_since INTEGER NOT NULL,
            PRIMARY KEY (venue, symbol)) WITHOUT ROWID;
        """;
}
