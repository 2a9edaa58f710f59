namespace DerivBot.Venues.Bybit;

// Bybit v5 market bodies as System.Text.Json source-generated DTOs (apis.md B.1): the {retCode, retMsg, result, time}
// envelope around a {list, nextPageCursor} page. Every market value is a string on the wire (numbers are accepted too),
// read by WireDecimalConverter/WireInt64Converter; everything is nullable, and which fields are required is decided
// where a DTO becomes a record (BybitParsers), so errors name the endpoint and the field.

internal sealed class BybitResponse<TItem>
    where TItem : class
{
    public long? RetCode { get; init; }
    public BybitPage<TItem>? Result { get; init; }
    public long? Time { get; init; }
}

internal sealed class BybitPage<TItem>
    where TItem : class
{
    public List<TItem?>? List { get; init; }
    public string? NextPageCursor { get; init; }
}

internal sealed class BybitInstrumentDto
{
    public string? Symbol { get; init; }
    public string? BaseCoin { get; init; }
    public string? QuoteCoin { get; init; }
    public string? ContractType { get; init; }
    public string? Status { get; init; }
    public long? FundingInterval { get; init; }
    public decimal? UpperFundingRate { get; init; }
    public decimal? LowerFundingRate { get; init; }
    public long? LaunchTime { get; init; }
}

internal sealed class BybitTickerDto
{
    public string? Symbol { get; init; }
    public decimal? LastPrice { get; init; }
    public decimal? MarkPrice { get; init; }
    public decimal? IndexPrice { get; init; }
    public decimal? Price24hPcnt { get; init; }
    public decimal? Volume24h { get; init; }
    public decimal? Turnover24h { get; init; }
    public decimal? OpenInterest { get; init; }
    public decimal? OpenInterestValue { get; init; }
    public decimal? FundingRate { get; init; }
    public long? NextFundingTime { get; init; }
}
