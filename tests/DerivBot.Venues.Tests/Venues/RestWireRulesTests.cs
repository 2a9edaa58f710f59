using System.Text;
using DerivBot.Core.Ports;
using DerivBot.Venues.Deribit;
using DerivBot.Venues.Gate;
using DerivBot.Venues.Hyperliquid;

namespace DerivBot.Venues.Tests.Venues;

/// <summary>
/// The field rules the Gate, Hyperliquid and Deribit REST parsers keep since they read source-generated DTOs
/// (apis.md B.3–B.5): whole-number seconds written as decimals, flags that count only as JSON true, Deribit's
/// numbers-only values and result lists that skip what is not an option.
/// </summary>
public sealed class RestWireRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1760054400);

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void GateParseContracts_FundingIntervalAsWholeDecimal_ReadAsSeconds()
    {
        var contracts = GateVenue.ParseContracts(Utf8("""[{"name":"BTC_USDT","quanto_multiplier":"0.0001","funding_interval":28800.0,"funding_next_apply":1760083200.0,"in_delisting":"yes"}]"""));

        var btc = contracts["BTC_USDT"];
        Assert.Equal(28800, btc.FundingIntervalSeconds);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760083200), btc.FundingNextApply);
        Assert.False(btc.InDelisting); // only the JSON literal true delists
    }

    [Fact]
    public void GateParseContractStats_OpenInterestNotANumber_BadResponseNamingTheField()
    {
        var ex = Assert.Throws<VenueException>(() => GateVenue.ParseContractStats(Utf8("""[{"time":1760053800,"open_interest":"lots"}]"""), 0.0001m));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Contains("contract_stats.open_interest", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HyperliquidParse_IsDelistedNotJsonTrue_Listed()
    {
        var stats = HyperliquidVenue.Parse(Utf8("""[{"universe":[{"name":"BTC","isDelisted":"true"},{"name":"ETH","isDelisted":true}]},[{"markPx":"100","openInterest":"2"},{}],{"extra":1}]"""), Now);

        var btc = Assert.Single(stats);
        Assert.Equal(("BTC", 200m), (btc.Asset, btc.OpenInterestUsd));
    }

    [Fact]
    public void HyperliquidParse_MissingMarkPx_BadResponseNamingTheField()
    {
        var ex = Assert.Throws<VenueException>(() => HyperliquidVenue.Parse(Utf8("""[{"universe":[{"name":"BTC"}]},[{"openInterest":"2"}]]"""), Now));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Contains("markPx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeribitParseBookSummary_OddItemsAndValues_SkippedOrMissing()
    {
        var summary = DeribitParsers.ParseBookSummary(Utf8("""
            {"jsonrpc":"2.0","usOut":1583783678366000,"result":[
              7, "x", null, {"instrument_name":"BTC-PERPETUAL","open_interest":5},
              {"instrument_name":"BTC-10MAR20-7750-C","open_interest":121.8,"mark_iv":"80","volume":null,"estimated_delivery_price":7856.29}]}
            """), "deribit", Now);

        var option = Assert.Single(summary.Options);
        Assert.Equal(121.8m, option.OpenInterest);
        Assert.Null(option.MarkIv); // a string where Deribit sends a number counts as missing
        Assert.Null(option.Volume24h);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1583783678366), summary.Time);
        Assert.Equal(7856.29m, summary.IndexByAsset["BTC"]);
    }

    [Fact]
    public void DeribitParseBookSummary_ErrorEnvelope_KindOfTheCode()
    {
        var ex = Assert.Throws<VenueException>(() => DeribitParsers.ParseBookSummary(Utf8("""{"jsonrpc":"2.0","error":{"code":10028,"message":"too_many_requests"}}"""), "deribit", Now));

        Assert.Equal((VenueErrorKind.RateLimited, 10028), (ex.Kind, ex.VendorCode));
    }

    [Fact]
    public void DeribitTryParseError_NotAnErrorBody_False()
    {
        Assert.False(DeribitParsers.TryParseError(Utf8("""{"jsonrpc":"2.0","result":[]}"""), out _, out _));
        Assert.False(DeribitParsers.TryParseError(Utf8("<html>"), out _, out _));
        Assert.True(DeribitParsers.TryParseError(Utf8("""{"error":{"code":-32602,"message":"Invalid params"}}"""), out var code, out var message));
        Assert.Equal((-32602, "Invalid params"), (code, message));
    }
}
