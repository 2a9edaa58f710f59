using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Binance;

/// <summary>
/// Parsers for Binance USDⓈ-M (and spot ticker) payloads in the exchange's own JSON format (apis.md section A).
/// Shared by the live client and the replay venue, so they take raw UTF-8 bytes and never touch the network.
/// Wire quirks honoured everywhere: prices/quantities/rates are JSON strings (numbers are accepted too), times are
/// epoch-millisecond integers (strings are accepted too: <c>/futures/data/*</c> sends either), unknown fields are
/// ignored, empty strings mean "not applicable" (delivery contracts send <c>"r":""</c>), invariant culture.
/// Anything malformed throws <see cref="VenueException"/> with <see cref="VenueErrorKind.BadResponse"/>.
/// REST bodies (this file) are read into the source-generated DTOs of <see cref="BinanceJsonContext"/>; the stream
/// frames (<c>BinanceParsers.Stream.cs</c>) with a Utf8JsonReader on the hot path.
/// </summary>
internal static partial class BinanceParsers
{
    public const string Venue = "binance";

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    private static BinanceJsonContext Wire => BinanceJsonContext.Default;

    /// <summary><c>/fapi/v1/exchangeInfo</c>: perpetual contracts that are TRADING and quoted in USDT or USDC.</summary>
    public static IReadOnlyList<PerpetualContract> ParseExchangeInfo(ReadOnlySpan<byte> json)
    {
        const string what = "exchangeInfo";
        var info = Read(json, what, Wire.BinanceExchangeInfoDto);
        var symbols = info.Symbols ?? throw Missing(what, "symbols");
        var result = new List<PerpetualContract>();
        foreach (var item in symbols)
        {
            var contract = item ?? throw NotAnObject(what);
            if (contract is not { ContractType: "PERPETUAL" and var type, Status: "TRADING" and var status, QuoteAsset: ("USDT" or "USDC") and var quote })
            {
                continue;
            }
            result.Add(new PerpetualContract(
                SymbolOf(Required(contract.Symbol, what, "symbol"), "symbol"),
                Required(contract.BaseAsset, what, "baseAsset"),
                quote,
                type,
                status,
                contract.MaintMarginPercent,
                OptionalTime(contract.OnboardDate, what, "onboardDate") ?? DateTimeOffset.UnixEpoch));
        }
        return result;
    }

    /// <summary><c>/fapi/v1/premiumIndex</c>: one object (with <c>symbol</c>) or an array (all symbols).</summary>
    public static IReadOnlyList<PremiumIndex> ParsePremiumIndex(ReadOnlySpan<byte> json)
    {
        const string what = "premiumIndex";
        var items = ObjectOrArray(json, what, Wire.BinancePremiumIndexDto, Wire.ListBinancePremiumIndexDto);
        var result = new List<PremiumIndex>(items.Count);
        foreach (var item in items)
        {
            var p = item ?? throw NotAnObject(what);
            result.Add(new PremiumIndex(
                SymbolOf(Required(p.Symbol, what, "symbol"), "symbol"),
                p.MarkPrice ?? throw Missing(what, "markPrice"),
                p.IndexPrice ?? 0m,
                p.EstimatedSettlePrice ?? 0m,
                p.LastFundingRate ?? 0m,
                p.InterestRate ?? 0m,
                OptionalTime(p.NextFundingTime, what, "nextFundingTime") ?? DateTimeOffset.UnixEpoch,
                RequiredTime(p.Time, what, "time")));
        }
        return result;
    }

    /// <summary><c>/fapi/v1/fundingInfo</c>: only symbols whose funding parameters were adjusted (Aster: cap/floor as <c>fundingFeeCap</c>/<c>fundingFeeFloor</c>).</summary>
    public static IReadOnlyList<FundingInfoEntry> ParseFundingInfo(ReadOnlySpan<byte> json)
    {
        const string what = "fundingInfo";
        var items = ArrayOf(json, what, Wire.ListBinanceFundingInfoDto);
        var result = new List<FundingInfoEntry>(items.Count);
        foreach (var item in items)
        {
            var f = item ?? throw NotAnObject(what);
            var symbol = SymbolOf(Required(f.Symbol, what, "symbol"), "symbol");
            var hours = f.FundingIntervalHours ?? throw Missing(what, "fundingIntervalHours");
            if (hours is <= 0 or > 24)
            {
                throw Bad($"{what}: fundingIntervalHours {hours} is out of range");
            }
            // Aster's copy of the endpoint names the bounds fundingFeeCap/fundingFeeFloor; Binance adjustedFundingRate*.
            result.Add(new FundingInfoEntry(
                symbol,
                (int)hours,
                f.AdjustedFundingRateCap ?? f.FundingFeeCap ?? throw Missing(what, "fundingFeeCap"),
                f.AdjustedFundingRateFloor ?? f.FundingFeeFloor ?? throw Missing(what, "fundingFeeFloor")));
        }
        return result;
    }

    /// <summary>
    /// <c>/fapi/v1/openInterest</c>: <c>openInterest</c> is in base-asset units; the USD value is contracts ×
    /// <paramref name="markPrice"/> (0 when the mark price is unknown, i.e. zero or negative).
    /// </summary>
    public static OpenInterestPoint ParseOpenInterest(ReadOnlySpan<byte> json, decimal markPrice)
    {
        const string what = "openInterest";
        if (RootToken(json) != JsonTokenType.StartObject)
        {
            throw NotA(json, what, "object");
        }
        var dto = Read(json, what, Wire.BinanceOpenInterestDto);
        var contracts = dto.OpenInterest ?? throw Missing(what, "openInterest");
        return new OpenInterestPoint(
            RequiredTime(dto.Time, what, "time"),
            contracts,
            markPrice > 0 ? contracts * markPrice : 0m);
    }

    /// <summary>Futures <c>/fapi/v1/ticker/24hr</c> or spot <c>/api/v3/ticker/24hr</c>: one object or an array.</summary>
    public static IReadOnlyList<Ticker24h> ParseTickers(ReadOnlySpan<byte> json)
    {
        const string what = "ticker/24hr";
        var items = ObjectOrArray(json, what, Wire.BinanceTickerDto, Wire.ListBinanceTickerDto);
        var result = new List<Ticker24h>(items.Count);
        foreach (var item in items)
        {
            var t = item ?? throw NotAnObject(what);
            result.Add(new Ticker24h(
                SymbolOf(Required(t.Symbol, what, "symbol"), "symbol"),
                t.LastPrice ?? throw Missing(what, "lastPrice"),
                t.PriceChangePercent ?? 0m,
                t.Volume ?? 0m,
                t.QuoteVolume ?? 0m,
                OptionalTime(t.OpenTime, what, "openTime") ?? DateTimeOffset.UnixEpoch,
                OptionalTime(t.CloseTime, what, "closeTime") ?? DateTimeOffset.UnixEpoch));
        }
        return result;
    }
}
