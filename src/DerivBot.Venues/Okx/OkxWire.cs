namespace DerivBot.Venues.Okx;

// OKX v5 bodies as System.Text.Json source-generated DTOs (apis.md B.2): the {code:"0", msg, data:[…]} envelope (code
// a string), every value a string (numbers accepted too) read by WireDecimalConverter/WireInt64Converter, candles and
// Rubik series as positional rows. Everything is nullable; which fields are required is decided in OkxParsers.

internal sealed class OkxResponse<TItem>
    where TItem : class
{
    public long? Code { get; init; }
    public List<TItem?>? Data { get; init; }
}

internal sealed class OkxInstrumentDto
{
    public string? InstId { get; init; }
    public string? CtType { get; init; }
    public string? CtValCcy { get; init; }
    public string? SettleCcy { get; init; }
    public decimal? CtVal { get; init; }
    public decimal? CtMult { get; init; }
    public string? State { get; init; }
    public long? ListTime { get; init; }
}

internal sealed class OkxTickerDto
{
    public string? InstId { get; init; }
    public decimal? Last { get; init; }
    public decimal? Open24h { get; init; }
    public decimal? Vol24h { get; init; }
    public decimal? VolCcy24h { get; init; }
    public long? Ts { get; init; }
}
