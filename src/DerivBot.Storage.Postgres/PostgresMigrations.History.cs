namespace DerivBot.Storage.Postgres;

/// <summary>Schema steps for the bot's own market and options history and the heatmap check's sweeps (the ordered list is in <c>PostgresMigrations.cs</c>).</summary>
internal static partial class PostgresMigrations
{
    // 3: the bot's own market history.
    private const string MarketHistory = """
        CREATE TABLE history_funding (
            venue text NOT NULL, symbol text NOT NULL, time bigint NOT NULL,
            rate numeric NOT NULL, mark_price numeric,
            PRIMARY KEY (venue, symbol, time));
        CREATE TABLE history_open_interest (
            venue text NOT NULL, symbol text NOT NULL, time bigint NOT NULL,
            contracts numeric NOT NULL, value_usd numeric NOT NULL,
            PRIMARY KEY (venue, symbol, time));
        CREATE TABLE history_long_short (
            venue text NOT NULL, symbol text NOT NULL, time bigint NOT NULL,
            ratio numeric NOT NULL, long_share numeric NOT NULL, short_share numeric NOT NULL,
            PRIMARY KEY (venue, symbol, time));
        """;

    // 4: options positioning history per venue and coin; NULL when undefined.
    private const string OptionsHistory = """
        CREATE TABLE history_options (
            venue text NOT NULL, asset text NOT NULL, time bigint NOT NULL,
            put_call_oi numeric, put_call_volume numeric, call_oi_share numeric, atm_iv numeric, underlying_price numeric,
            PRIMARY KEY (venue, asset, time));
        """;

    // 7: the heatmap check's sweeps and since when each symbol has been checked. numeric compares by value, so
    // the band bottom in the key needs no normalising (1.0 and 1.00 are the same key).
    private const string Sweeps = """
        CREATE TABLE liquidation_sweeps (
            venue text NOT NULL,
            symbol text NOT NULL,
            side text NOT NULL,
            band_low numeric NOT NULL,
            band_high numeric NOT NULL,
            estimated_usd numeric NOT NULL,
            realised_usd numeric NOT NULL,
            realised_count integer NOT NULL,
            entered_at bigint NOT NULL,
            crossed_at bigint NOT NULL,
            realised_venues text NOT NULL,
            UNIQUE (venue, symbol, side, entered_at, band_low));
        CREATE INDEX ix_liquidation_sweeps_crossed ON liquidation_sweeps(venue, symbol, crossed_at);
        CREATE TABLE liquidation_sweep_coverage (
            venue text NOT NULL,
            symbol text NOT NULL,
            checked_since bigint NOT NULL,
            PRIMARY KEY (venue, symbol));
        """;
}
