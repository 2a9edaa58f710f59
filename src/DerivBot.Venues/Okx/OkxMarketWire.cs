namespace DerivBot.Venues.Okx;

// Per-instrument market values of OKX v5 (open interest, mark price, funding) as source-generated DTOs; see OkxWire.

internal sealed class OkxOpenInterestDto
{
    public string? InstId { get; init; }
    public decimal? Oi { get; init; }
    public decimal? OiCcy { get; init; }
    public decimal? OiUsd { get; init; }
    public long? Ts { get; init; }
}

internal sealed class OkxMarkPriceDto
{
    public string? InstId { get; init; }
    public decimal? MarkPx { get; init; }
    public long? Ts { get; init; }
}

internal sealed class OkxFundingDto
{
    public string? InstId { get; init; }
    public decimal? FundingRate { get; init; }
    public decimal? RealizedRate { get; init; }
    public long? FundingTime { get; init; }
    public long? NextFundingTime { get; init; }
    public long? Ts { get; init; }
}
