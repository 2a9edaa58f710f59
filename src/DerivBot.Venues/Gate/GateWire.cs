using System.Text.Json.Serialization;

namespace DerivBot.Venues.Gate;

// Gate USDT-futures bodies as System.Text.Json source-generated DTOs (apis.md B.5): plain arrays of snake_case objects.
// Prices and sizes are strings (numbers accepted too), read by WireDecimalConverter; times are seconds and sizes whole
// numbers, read by WireWholeInt64Converter (funding_interval may arrive as 28800.0); in_delisting counts only as JSON
// true. Everything is nullable; which fields are required is decided in GateVenue's parsers, so errors name the field.

/// <summary>One row of <c>/futures/usdt/contracts</c>.</summary>
internal sealed class GateContractDto
{
    public string? Name { get; init; }
    public decimal? QuantoMultiplier { get; init; }
    public long? FundingInterval { get; init; }
    public long? FundingNextApply { get; init; }
    public bool InDelisting { get; init; }
}

/// <summary>One row of <c>/futures/usdt/tickers</c>.</summary>
internal sealed class GateTickerDto
{
    public string? Contract { get; init; }
    public decimal? MarkPrice { get; init; }
    public decimal? TotalSize { get; init; }
    public decimal? FundingRate { get; init; }

    [JsonPropertyName("volume_24h_quote")]
    public decimal? Volume24hQuote { get; init; }

    [JsonPropertyName("volume_24h_settle")]
    public decimal? Volume24hSettle { get; init; }
}

/// <summary>One row of <c>/futures/usdt/contract_stats</c>.</summary>
internal sealed class GateContractStatDto
{
    public long? Time { get; init; }
    public decimal? OpenInterest { get; init; }
    public decimal? OpenInterestUsd { get; init; }
}

/// <summary>One row of <c>/futures/usdt/liq_orders</c>.</summary>
internal sealed class GateLiquidationDto
{
    public long? Time { get; init; }
    public long? Size { get; init; }
    public decimal? FillPrice { get; init; }
    public decimal? OrderPrice { get; init; }
}
