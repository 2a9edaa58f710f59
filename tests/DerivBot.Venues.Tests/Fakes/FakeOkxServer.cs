using System.Globalization;
using System.Text;
using DerivBot.Testing;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>One OKX SWAP as the fake serves it; OI in CONTRACTS as OKX counts it.</summary>
/// <param name="FundingHours">Hours between <c>fundingTime</c> and <c>nextFundingTime</c> in funding-rate.</param>
public sealed record OkxListing(
    string InstId,
    string CtVal,
    string CtMult,
    string CtValCcy,
    string MarkPx,
    string Last,
    string Oi,
    string OiCcy,
    string OiUsd,
    string VolCcy24h,
    string FundingRate,
    int FundingHours,
    string SettleCcy = "USDT",
    string CtType = "linear",
    string State = "live");

/// <summary>
/// A fake OKX v5 public REST API on a real loopback socket, speaking the documented payloads (apis.md B.2 and the
/// OKX.Net fixtures): <c>{"code":"0","msg":"","data":[…]}</c>, every value a string, times as ms strings, candles and
/// Rubik rows as arrays of strings, newest first. Unknown instruments answer code 51001.
/// </summary>
public sealed class FakeOkxServer : ScriptedVenueFake
{
    public const long Ts = 1760054400000; // 2025-10-10 00:00:00 UTC
    public const long FundingTime = 1760083200000; // 08:00 UTC, the next settlement

    public List<OkxListing> Listings { get; } =
    [
        // BTC-USDT-SWAP: 1 contract = 0.01 BTC, so 1234 contracts = 12.34 BTC.
        new("BTC-USDT-SWAP", "0.01", "1", "BTC", "121346.2", "121340.1", "1234", "12.34", "1497412.108", "95000.5", "0.0000792386885340", 8),
        // A ctVal-10 alt with 4-hour funding: 2500 contracts = 25,000 OP.
        new("OP-USDT-SWAP", "10", "1", "OP", "0.75", "0.76", "2500", "25000", "18750", "12000000", "-0.0002", 4),
        // ctMult applied too: 10 contracts × 5 × 2 = 100 XYZ.
        new("XYZ-USDT-SWAP", "5", "2", "XYZ", "3", "3", "10", "100", "", "1000", "0.0001", 8),
        new("PEPE-USDT-SWAP", "10000000", "1", "PEPE", "0.00001234", "0.00001235", "300", "3000000000", "37020", "81000000000", "0.0003", 8),
        new("BTC-USD-SWAP", "100", "1", "USD", "121350", "121350", "5000", "41.2", "500000", "10", "0.0001", 8, SettleCcy: "BTC", CtType: "inverse"),
        new("OLD-USDT-SWAP", "1", "1", "OLD", "1", "1", "0", "0", "0", "0", "0", 8, State: "suspend"),
    ];

    public static Task<FakeOkxServer> StartAsync() => StartAsync(new FakeOkxServer());

    /// <summary>An OKX error envelope (<c>code</c> a string).</summary>
    public static FakeResponse Error(string code, string msg, int status = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, $$"""{"code":"{{code}}","msg":"{{msg}}","data":[]}""", headers);

    protected override FakeResponse Default(string path, IQueryCollection query)
    {
        var instId = query["instId"].ToString();
        if (instId.Length > 0 && Listings.All(l => l.InstId != instId))
        {
            return Error("51001", "Instrument ID does not exist");
        }
        var listing = Listings.FirstOrDefault(l => l.InstId == instId);
        return path switch
        {
            "/api/v5/public/instruments" => Data(Listings.Select(l => $$"""
                {"alias":"","baseCcy":"","category":"1","ctMult":"{{l.CtMult}}","ctType":"{{l.CtType}}","ctVal":"{{l.CtVal}}","ctValCcy":"{{l.CtValCcy}}","expTime":"","instFamily":"{{l.InstId[..^5]}}","instId":"{{l.InstId}}","instType":"SWAP","lever":"100","listTime":"1606468572000","lotSz":"1","maxIcebergSz":"","maxLmtSz":"100000000","maxMktSz":"","minSz":"1","optType":"","quoteCcy":"","settleCcy":"{{l.SettleCcy}}","state":"{{l.State}}","stk":"","tickSz":"0.1","uly":"{{l.InstId[..^5]}}"}
                """)),
            "/api/v5/market/tickers" when query["instType"] == "SPOT" => Data([
                """{"instType":"SPOT","instId":"PEPE-USDT","last":"0.00001234","lastSz":"1","askPx":"0.00001235","askSz":"1","bidPx":"0.00001233","bidSz":"1","open24h":"0.0000120","high24h":"0.0000125","low24h":"0.0000119","volCcy24h":"990000","vol24h":"80000000000","sodUtc0":"0.0000121","sodUtc8":"0.0000122","ts":"1760054400000"}""",
                """{"instType":"SPOT","instId":"BTC-EUR","last":"100000","lastSz":"1","askPx":"1","askSz":"1","bidPx":"1","bidSz":"1","open24h":"1","high24h":"1","low24h":"1","volCcy24h":"1","vol24h":"1","sodUtc0":"1","sodUtc8":"1","ts":"1760054400000"}""",
            ]),
            "/api/v5/market/tickers" => Data(Listings.Where(l => l.State == "live").Select(l => $$"""
                {"instType":"SWAP","instId":"{{l.InstId}}","last":"{{l.Last}}","lastSz":"1","askPx":"{{l.Last}}","askSz":"11","bidPx":"{{l.Last}}","bidSz":"5","open24h":"{{l.Last}}","high24h":"{{l.Last}}","low24h":"{{l.Last}}","volCcy24h":"{{l.VolCcy24h}}","vol24h":"1","sodUtc0":"{{l.Last}}","sodUtc8":"{{l.Last}}","ts":"{{Ts}}"}
                """)),
            "/api/v5/public/mark-price" => Data(Listings.Where(l => l.State == "live").Select(l => $$"""
                {"instType":"SWAP","instId":"{{l.InstId}}","markPx":"{{l.MarkPx}}","ts":"{{Ts}}"}
                """)),
            "/api/v5/public/open-interest" => Data(Listings.Where(l => l.State == "live" && (listing is null || l == listing)).Select(l => $$"""
                {"instType":"SWAP","instId":"{{l.InstId}}","oi":"{{l.Oi}}","oiCcy":"{{l.OiCcy}}","oiUsd":"{{l.OiUsd}}","ts":"{{Ts}}"}
                """)),
            "/api/v5/public/funding-rate" when listing is not null => Data([$$"""
                {"fundingRate":"{{listing.FundingRate}}","fundingTime":"{{FundingTime}}","instId":"{{listing.InstId}}","instType":"SWAP","method":"next_period","maxFundingRate":"0.00375","minFundingRate":"-0.00375","nextFundingRate":"","nextFundingTime":"{{FundingTime + listing.FundingHours * 3_600_000L}}","premium":"0.0001","settFundingRate":"0.0001418433662153","settState":"settled","ts":"{{Ts}}"}
                """]),
            "/api/v5/public/funding-rate-history" => Data([
                """{"fundingRate":"0.0000746604960499","fundingTime":"1760025600000","instId":"BTC-USDT-SWAP","instType":"SWAP","method":"next_period","realizedRate":"0.0000746572360545"}""",
                """{"fundingRate":"0.000227985782722","fundingTime":"1759996800000","instId":"BTC-USDT-SWAP","instType":"SWAP","method":"next_period","realizedRate":""}""",
            ]),
            "/api/v5/market/candles" => Data([
                """["1760054400000","121000","121500","120900","121400","1250","12.5","1517500","0"]""",
                """["1760054100000","120800","121100","120700","121000","1000","10","1210000","1"]""",
            ]),
            "/api/v5/rubik/stat/contracts/open-interest-history" => Data([
                """["1760054400000","1234","12.34","1497412.1"]""",
                """["1760054100000","1200","12","1449600"]""",
            ]),
            "/api/v5/rubik/stat/contracts/long-short-account-ratio" => Data([
                """["1760054400000","1.25"]""",
                """["1760054100000","0.8"]""",
            ]),
            _ => Error("50014", "Parameter instId can not be empty", 400),
        };
    }

    private static FakeResponse Data(IEnumerable<string> items)
    {
        var sb = new StringBuilder("""{"code":"0","msg":"","data":[""");
        sb.AppendJoin(",", items.Select(i => i.Trim()));
        return FakeResponse.Json(sb.Append("]}").ToString());
    }
}
