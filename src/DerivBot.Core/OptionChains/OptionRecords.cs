namespace DerivBot.Core.OptionChains;

/// <summary>Call or put.</summary>
public enum OptionRight
{
    Call,
    Put,
}

/// <summary>One option's book summary (Deribit <c>get_book_summary_by_currency</c>, one result item).</summary>
/// <param name="Instrument">The venue's name, e.g. <c>BTC-27DEC26-100000-C</c>.</param>
/// <param name="OpenInterest">Open interest in COINS of the underlying (Deribit: "for options … the underlying base currency coin").</param>
/// <param name="Volume24h">Traded volume over the last 24 h in coins; null when the venue sent none.</param>
/// <param name="MarkIv">Implied volatility of the mark price as a FRACTION (0.55 = 55 %; Deribit sends percent, the adapter divides by 100); null when not sent.</param>
/// <param name="UnderlyingPrice">USD price of the option's underlying (the expiry's forward or index), when sent.</param>
/// <param name="MarkPrice">Mark price in the settlement currency (coins for inverse options), when sent.</param>
public sealed record OptionSummary(
    string Instrument,
    OptionName Name,
    decimal OpenInterest,
    decimal? Volume24h,
    decimal? MarkIv,
    decimal? UnderlyingPrice,
    decimal? MarkPrice)
{
    public string Asset => Name.Asset;
    public DateTimeOffset Expiry => Name.Expiry;
    public decimal Strike => Name.Strike;
    public OptionRight Right => Name.Right;
}

/// <summary>Every listed option of one asset at one instant.</summary>
/// <param name="Asset">Canonical coin: <c>BTC</c>.</param>
/// <param name="Venue">Venue id: <c>deribit</c> (or <c>replay:deribit</c>).</param>
/// <param name="Time">When the venue produced the figures (the response's <c>usOut</c>, or the newest <c>creation_timestamp</c>).</param>
/// <param name="IndexPrice">USD price of the asset (Deribit <c>estimated_delivery_price</c>), when known.</param>
public sealed record OptionChain(
    string Asset,
    string Venue,
    DateTimeOffset Time,
    decimal? IndexPrice,
    IReadOnlyList<OptionSummary> Options);
