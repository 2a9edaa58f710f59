using System.Text.Json.Serialization;

namespace DerivBot.Venues.Deribit;

// Deribit's JSON-RPC bodies as System.Text.Json source-generated DTOs (apis.md B.4): the envelope
// {"jsonrpc":"2.0","result":…,"usIn":…,"usOut":…} or its error form {"error":{"code":…,"message":…}}. Numbers are JSON
// numbers and many are null: DeribitWireConverters read anything that is not a usable number (or text) as missing, and
// result lists skip entries that are not objects, so one odd item never fails a whole chain.

/// <summary><c>public/get_book_summary_by_currency</c>.</summary>
internal sealed class DeribitBookSummaryResponse : DeribitEnvelope
{
    [JsonConverter(typeof(DeribitObjectsConverter<DeribitSummaryDto>))]
    public List<DeribitSummaryDto>? Result { get; init; }
}

/// <summary>One summary: <c>mark_iv</c> in percent, <c>open_interest</c> and <c>volume</c> in coins for options,
/// <c>creation_timestamp</c> in ms.</summary>
internal sealed class DeribitSummaryDto
{
    public string? InstrumentName { get; init; }
    public decimal? MarkIv { get; init; }
    public decimal? OpenInterest { get; init; }
    public decimal? Volume { get; init; }
    public decimal? UnderlyingPrice { get; init; }
    public decimal? MarkPrice { get; init; }
    public decimal? EstimatedDeliveryPrice { get; init; }
    public decimal? CreationTimestamp { get; init; }
}

/// <summary><c>public/get_currencies</c>.</summary>
internal sealed class DeribitCurrenciesResponse : DeribitEnvelope
{
    [JsonConverter(typeof(DeribitObjectsConverter<DeribitCurrencyDto>))]
    public List<DeribitCurrencyDto>? Result { get; init; }
}

internal sealed class DeribitCurrencyDto
{
    public string? Currency { get; init; }
}
