using System.Text.Json;
using System.Text.Json.Serialization;

namespace DerivBot.Venues.Binance;

// Binance USDⓈ-M REST bodies as System.Text.Json source-generated DTOs (apis.md section A). Field names are Binance's
// own (camelCase, case-sensitive); decimals are `decimal?` read by WireDecimalConverter (strings, numbers, "" = null)
// and times/counts `long?` read by WireInt64Converter (numbers or numeric strings). Everything is nullable: which
// fields are required, and what a missing one means, is decided where the DTO becomes a domain record
// (BinanceParsers), so the error names the endpoint and the field.

/// <summary>Any object body: carries Binance's error envelope fields (<c>{"code":-1121,"msg":"Invalid symbol."}</c>)
/// so an error where data was expected is recognised without a second parse.</summary>
internal class BinanceObjectDto
{
    [JsonPropertyName("code")]
    public JsonElement Code { get; init; }

    [JsonPropertyName("msg")]
    public JsonElement Msg { get; init; }
}

internal sealed class BinanceExchangeInfoDto
{
    public List<BinanceContractDto?>? Symbols { get; init; }
}

internal sealed class BinanceContractDto
{
    public string? Symbol { get; init; }
    public string? BaseAsset { get; init; }
    public string? QuoteAsset { get; init; }
    public string? ContractType { get; init; }
    public string? Status { get; init; }
    public decimal? MaintMarginPercent { get; init; }
    public long? OnboardDate { get; init; }
}

/// <summary>exchangeInfo read for its <c>rateLimits</c> only (the symbols are skipped unread).</summary>
internal sealed class BinanceRateLimitsDto
{
    public List<BinanceRateLimitDto?>? RateLimits { get; init; }
}

internal sealed class BinanceRateLimitDto
{
    public JsonElement RateLimitType { get; init; }
    public JsonElement Interval { get; init; }
    public JsonElement IntervalNum { get; init; }
    public JsonElement Limit { get; init; }
}
