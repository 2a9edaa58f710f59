using System.Globalization;
using System.Text;
using DerivBot.Testing;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Fakes;

/// <summary>One Bybit linear listing as the fake serves it (every market value becomes a JSON string on the wire).</summary>
public sealed record BybitListing(
    string Symbol,
    string BaseCoin,
    int FundingIntervalMinutes,
    string MarkPrice,
    string OpenInterest,
    string OpenInterestValue,
    string Turnover24h,
    string FundingRate,
    string ContractType = "LinearPerpetual",
    string Status = "Trading",
    string QuoteCoin = "USDT");

/// <summary>
/// A fake Bybit v5 public REST API on a real loopback socket, speaking the documented payloads (apis.md B.1 and the
/// Bybit.Net fixtures): <c>{retCode, retMsg, result:{category, list, nextPageCursor}, retExtInfo, time}</c>, strings
/// for market values, <c>fundingInterval</c> a number, lists newest first. Unknown symbols answer retCode 10001.
/// </summary>
public sealed class FakeBybitServer : ScriptedVenueFake
{
    public const long Time = 1760054400000; // 2025-10-10 00:00:00 UTC

    public List<BybitListing> Listings { get; } =
    [
        new("BTCUSDT", "BTC", 480, "121346.20", "50000.125", "6067310000", "9876543210.5", "0.0001"),
        new("ETHUSDT", "ETH", 480, "4300.50", "1000000", "4300500000", "5000000000", "-0.00005"),
        new("1000PEPEUSDT", "1000PEPE", 240, "0.012345", "5000000", "61725", "30000000", "0.0003"),
        new("SOLUSDT", "SOL", 60, "220.10", "300000", "66030000", "800000000", "0.00002"),
        new("DOGEUSDT", "DOGE", 120, "0.25", "100000000", "25000000", "400000000", "0.0001"),
        new("BTCPERP", "BTC", 480, "121350", "1000", "121350000", "1000000", "0.0001", QuoteCoin: "USDC"),
        new("BTCUSDT-26DEC25", "BTC", 0, "122000", "10", "1220000", "1000", "", ContractType: "LinearFutures"),
        new("OLDUSDT", "OLD", 480, "1", "0", "0", "0", "0", Status: "Closed"),
    ];

    public static Task<FakeBybitServer> StartAsync() => StartAsync(new FakeBybitServer());

    /// <summary>A Bybit envelope with a non-zero retCode.</summary>
    public static FakeResponse Error(int retCode, string retMsg, int status = 200) =>
        new(status, $$"""{"retCode":{{retCode}},"retMsg":"{{retMsg}}","result":{},"retExtInfo":{},"time":{{Time}}}""");

    protected override FakeResponse Default(string path, IQueryCollection query)
    {
        var symbol = query["symbol"].ToString();
        if (symbol.Length > 0 && path != "/v5/market/tickers" && Listings.All(l => l.Symbol != symbol))
        {
            return Error(10001, "params error: symbol invalid");
        }
        return path switch
        {
            "/v5/market/instruments-info" => Ok(InstrumentsResult()),
            "/v5/market/tickers" => Tickers(query["category"].ToString(), symbol),
            "/v5/market/funding/history" => Ok("""{"category":"linear","list":[{"symbol":"BTCUSDT","fundingRate":"0.0001","fundingRateTimestamp":"1760025600000"},{"symbol":"BTCUSDT","fundingRate":"-0.00002","fundingRateTimestamp":"1759996800000"}]}"""),
            "/v5/market/open-interest" => Ok("""{"symbol":"BTCUSDT","category":"linear","list":[{"openInterest":"50010.5","timestamp":"1760054400000"},{"openInterest":"50000","timestamp":"1760054100000"}],"nextPageCursor":""}"""),
            "/v5/market/account-ratio" => Ok("""{"list":[{"symbol":"BTCUSDT","buyRatio":"0.5777","sellRatio":"0.4223","timestamp":"1760054400000"},{"symbol":"BTCUSDT","buyRatio":"0.5","sellRatio":"0.5","timestamp":"1760054100000"}]}"""),
            "/v5/market/kline" => Ok("""{"symbol":"BTCUSDT","category":"linear","list":[["1760054400000","121000","121500","120900","121400","12.5","1517500"],["1760054100000","120800","121100","120700","121000","10","1210000"],["1760053800000","120500","120900","120400","120800","8","966400"]]}"""),
            _ => new FakeResponse(404, """{"retCode":10404,"retMsg":"not found"}"""),
        };
    }

    private FakeResponse Tickers(string category, string symbol)
    {
        if (category == "spot")
        {
            return Ok("""{"category":"spot","list":[{"symbol":"PEPEUSDT","bid1Price":"0.0000123","bid1Size":"1","ask1Price":"0.0000124","ask1Size":"1","lastPrice":"0.00001234","prevPrice24h":"0.0000120","price24hPcnt":"0.0283","highPrice24h":"0.0000125","lowPrice24h":"0.0000119","turnover24h":"1000000","volume24h":"81000000000","usdIndexPrice":""}]}""");
        }
        // Tickers list what trades; a closed symbol is only in instruments-info.
        var rows = Listings.Where(l => l.Status == "Trading" && (symbol.Length == 0 || l.Symbol == symbol)).ToList();
        if (symbol.Length > 0 && rows.Count == 0)
        {
            return Error(10001, "params error: symbol invalid");
        }
        var sb = new StringBuilder("""{"category":"linear","list":[""");
        for (var i = 0; i < rows.Count; i++)
        {
            var l = rows[i];
            sb.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""
                {"symbol":"{{l.Symbol}}","lastPrice":"{{l.MarkPrice}}","indexPrice":"{{l.MarkPrice}}","markPrice":"{{l.MarkPrice}}","prevPrice24h":"{{l.MarkPrice}}","price24hPcnt":"0.008047","highPrice24h":"{{l.MarkPrice}}","lowPrice24h":"{{l.MarkPrice}}","prevPrice1h":"{{l.MarkPrice}}","openInterest":"{{l.OpenInterest}}","openInterestValue":"{{l.OpenInterestValue}}","turnover24h":"{{l.Turnover24h}}","volume24h":"1000","fundingRate":"{{l.FundingRate}}","nextFundingTime":"1760083200000","predictedDeliveryPrice":"","basisRate":"","deliveryFeeRate":"","deliveryTime":"0","ask1Size":"1","bid1Price":"{{l.MarkPrice}}","ask1Price":"{{l.MarkPrice}}","bid1Size":"1","basis":""}
                """);
        }
        return Ok(sb.Append("]}").ToString());
    }

    private string InstrumentsResult()
    {
        var sb = new StringBuilder("""{"category":"linear","list":[""");
        for (var i = 0; i < Listings.Count; i++)
        {
            var l = Listings[i];
            sb.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""
                {"symbol":"{{l.Symbol}}","contractType":"{{l.ContractType}}","status":"{{l.Status}}","baseCoin":"{{l.BaseCoin}}","quoteCoin":"{{l.QuoteCoin}}","launchTime":"1585526400000","deliveryTime":"0","deliveryFeeRate":"","priceScale":"2","leverageFilter":{"minLeverage":"1","maxLeverage":"100.00","leverageStep":"0.01"},"priceFilter":{"minPrice":"0.10","maxPrice":"199999.80","tickSize":"0.10"},"lotSizeFilter":{"maxOrderQty":"100.000","minOrderQty":"0.001","qtyStep":"0.001"},"unifiedMarginTrade":true,"fundingInterval":{{l.FundingIntervalMinutes}},"settleCoin":"{{l.QuoteCoin}}","copyTrading":"both","upperFundingRate":"0.00375","lowerFundingRate":"-0.00375"}
                """);
        }
        return sb.Append("""],"nextPageCursor":""}""").ToString();
    }

    private static FakeResponse Ok(string result) =>
        FakeResponse.Json($$"""{"retCode":0,"retMsg":"OK","result":{{result}},"retExtInfo":{},"time":{{Time}}}""");
}
