using System.Globalization;
using System.Text;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Venues.Tests.Binance;

public sealed class BinanceParsersTests
{
    private static byte[] F(string name) => Fixture.ReadBytes("binance/" + name);

    private static byte[] U(string json) => Encoding.UTF8.GetBytes(json);

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    [Fact]
    public void ParseExchangeInfo_MixedSymbols_KeepsTradingUsdtAndUsdcPerpetualsOnly()
    {
        var contracts = BinanceParsers.ParseExchangeInfo(F("exchangeInfo.json"));

        Assert.Equal(["BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "BTCUSDC"], contracts.Select(c => c.Symbol.Value));
        var btc = contracts[0];
        Assert.Equal("BTC", btc.BaseAsset);
        Assert.Equal("USDT", btc.QuoteAsset);
        Assert.Equal("PERPETUAL", btc.ContractType);
        Assert.Equal("TRADING", btc.Status);
        Assert.Equal(2.5m, btc.MaintenanceMarginPercent);
        Assert.Equal(Ms(1569398400000), btc.OnboardDate);
        Assert.Equal("1000PEPE", contracts[2].BaseAsset);
        Assert.Null(contracts[3].MaintenanceMarginPercent);
    }

    [Fact]
    public void ParseExchangeInfo_NoSymbolsArray_ThrowsBadResponse()
    {
        var ex = Assert.Throws<VenueException>(() => BinanceParsers.ParseExchangeInfo(U("""{"timezone":"UTC"}""")));
        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Contains("symbols", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseRequestWeightPerMinute_ExchangeInfo_ReadsRequestWeightNotOrders()
    {
        Assert.True(BinanceParsers.TryParseRequestWeightPerMinute(F("exchangeInfo.json"), out var limit));
        Assert.Equal(2400, limit);
        Assert.False(BinanceParsers.TryParseRequestWeightPerMinute(U("""{"symbols":[]}"""), out _));
        Assert.False(BinanceParsers.TryParseRequestWeightPerMinute(U("{broken"), out _));
    }

    [Fact]
    public void ParsePremiumIndex_Array_ParsesAllFieldsAndToleratesEmptyDeliveryFunding()
    {
        var items = BinanceParsers.ParsePremiumIndex(F("premiumIndex.json"));

        Assert.Equal(4, items.Count);
        var btc = items[0];
        Assert.Equal(new Symbol("BTCUSDT"), btc.Symbol);
        Assert.Equal(121346.2m, btc.MarkPrice);
        Assert.Equal(121398.59456522m, btc.IndexPrice);
        Assert.Equal(121371.15221698m, btc.EstimatedSettlePrice);
        Assert.Equal(0.0001m, btc.FundingRate);
        Assert.Equal(0.0001m, btc.InterestRate);
        Assert.Equal(Ms(1760083200000), btc.NextFundingTime);
        Assert.Equal(Ms(1760054400000), btc.Time);
        Assert.Equal(-0.00003517m, items[1].FundingRate);
        Assert.Equal(0.0093910m, items[2].MarkPrice);
        Assert.Equal(0m, items[3].FundingRate);
        Assert.Equal(DateTimeOffset.UnixEpoch, items[3].NextFundingTime);
    }

    [Fact]
    public void ParsePremiumIndex_SingleObject_ReturnsOneItem()
    {
        var items = BinanceParsers.ParsePremiumIndex(F("premiumIndex_BTCUSDT.json"));

        var only = Assert.Single(items);
        Assert.Equal("BTCUSDT", only.Symbol.Value);
        Assert.Equal(121346.2m, only.MarkPrice);
    }

    [Fact]
    public void ParsePremiumIndex_UnderNonInvariantCulture_ParsesInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // de-DE uses ',' as the decimal separator: a culture-sensitive parser would read 121346.2 as 1213462.
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var items = BinanceParsers.ParsePremiumIndex(F("premiumIndex_BTCUSDT.json"));
            Assert.Equal(121346.2m, items[0].MarkPrice);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void ParseFundingRates_EmptyMarkPrice_IsNull()
    {
        var points = BinanceParsers.ParseFundingRates(F("fundingRate.json"));

        Assert.Equal(3, points.Count);
        Assert.Equal(new FundingRatePoint(Ms(1759996800000), 0.00006741m, 122001.1m), points[0]);
        Assert.Equal(-0.00002318m, points[2].Rate);
        Assert.Null(points[2].MarkPrice);
    }

    [Fact]
    public void ParseFundingInfo_Entries_ReadIntervalCapAndFloor()
    {
        var entries = BinanceParsers.ParseFundingInfo(F("fundingInfo.json"));

        Assert.Equal(new FundingInfoEntry(new Symbol("1000PEPEUSDT"), 4, 0.02m, -0.02m), entries[0]);
        Assert.Equal(1, entries[1].IntervalHours);
    }

    [Fact]
    public void ParseOpenInterest_KnownMark_ValueIsContractsTimesMark()
    {
        var point = BinanceParsers.ParseOpenInterest(F("openInterest.json"), 121346.2m);

        Assert.Equal(new OpenInterestPoint(Ms(1760054399617), 92311.547m, 11201655444.5714m), point);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ParseOpenInterest_UnknownMark_ValueIsZero(int mark)
    {
        var point = BinanceParsers.ParseOpenInterest(F("openInterest.json"), mark);

        Assert.Equal(92311.547m, point.Contracts);
        Assert.Equal(0m, point.ValueUsd);
    }

    [Fact]
    public void ParseOpenInterestHist_StringAndNumberTimestamps_BothAccepted()
    {
        var points = BinanceParsers.ParseOpenInterestHist(F("openInterestHist.json"));

        Assert.Equal(
            [new OpenInterestPoint(Ms(1760053800000), 92001.552m, 11190523071.1378m), new OpenInterestPoint(Ms(1760054100000), 92150.131m, 11201344087.5006m)],
            points);
    }

    [Theory]
    [InlineData("globalLongShortAccountRatio.json", 2, 1.7940, 0.6421, 0.3579)]
    [InlineData("topLongShortAccountRatio.json", 1, 1.23, 0.5516, 0.4484)]
    [InlineData("topLongShortPositionRatio.json", 1, 0.91, 0.4764, 0.5236)]
    public void ParseLongShortRatios_EachEndpoint_ReadsLastRow(string file, int count, double ratio, double longShare, double shortShare)
    {
        var points = BinanceParsers.ParseLongShortRatios(F(file));

        Assert.Equal(count, points.Count);
        Assert.Equal(new RatioPoint(Ms(1760054100000), (decimal)ratio, (decimal)longShare, (decimal)shortShare), points[^1]);
    }

    [Fact]
    public void ParseTakerVolume_Rows_ParseWithoutSymbolField()
    {
        var points = BinanceParsers.ParseTakerVolume(F("takerlongshortRatio.json"));

        Assert.Equal(new TakerVolumePoint(Ms(1760053800000), 1.5586m, 387.33m, 248.503m), points[0]);
        Assert.Equal(Ms(1760054100000), points[1].Time);
    }

    [Fact]
    public void ParseKlines_RealBtcRows_MapEveryIndex()
    {
        var klines = BinanceParsers.ParseKlines(F("klines.json"));

        Assert.Equal(6, klines.Count);
        var k = klines[0];
        Assert.Equal(Ms(1746921600000), k.OpenTime);
        Assert.Equal(104788.8m, k.Open);
        Assert.Equal(104950.0m, k.High);
        Assert.Equal(103886.9m, k.Low);
        Assert.Equal(104381.4m, k.Close);
        Assert.Equal(11197.461m, k.Volume);
        Assert.Equal(Ms(1746925199999), k.CloseTime);
        Assert.Equal(1169394702.7055m, k.QuoteVolume);
        Assert.Equal(224271, k.Trades);
        Assert.Equal(4775.353m, k.TakerBuyVolume);
        Assert.Equal(498730530.3748m, k.TakerBuyQuoteVolume);
    }

    [Fact]
    public void ParseKlines_ShortRow_ThrowsBadResponse()
    {
        var ex = Assert.Throws<VenueException>(() => BinanceParsers.ParseKlines(U("""[[1499040000000,"1","2"]]""")));
        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
    }

    [Theory]
    [InlineData("ticker24hr.json", "1000PEPEUSDT", 0.0093910, -2.239, 666120412.33)]
    [InlineData("spot_ticker24hr.json", "PEPEUSDT", 0.00000939, -2.187, 368400100.12)]
    public void ParseTickers_FuturesAndSpotArrays_ParseSameFields(string file, string symbol, double last, double changePct, double quoteVolume)
    {
        var tickers = BinanceParsers.ParseTickers(F(file));

        var t = tickers.Single(x => x.Symbol.Value == symbol);
        Assert.Equal((decimal)last, t.LastPrice);
        Assert.Equal((decimal)changePct, t.PriceChangePercent);
        Assert.Equal((decimal)quoteVolume, t.QuoteVolume);
        Assert.Equal(Ms(1759968000000), t.OpenTime);
        Assert.Equal(Ms(1760054399999), t.CloseTime);
    }

    [Fact]
    public void ParseTickers_SingleObject_ReturnsOne()
    {
        var tickers = BinanceParsers.ParseTickers(U("""{"symbol":"BTCUSDT","lastPrice":"1.5","priceChangePercent":"0.1","volume":"2","quoteVolume":"3","openTime":1,"closeTime":2,"newField":{"x":[1,2]}}"""));

        Assert.Equal(new Ticker24h(new Symbol("BTCUSDT"), 1.5m, 0.1m, 2m, 3m, Ms(1), Ms(2)), Assert.Single(tickers));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[{\"symbol\":\"BTCUSDT\"")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("[] []")]
    [InlineData("[{\"fundingTime\":1,\"fundingRate\":\"abc\"}]")]
    [InlineData("[{\"fundingTime\":1}]")]
    [InlineData("[{\"fundingTime\":\"soon\",\"fundingRate\":\"0.1\"}]")]
    [InlineData("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")]
    public void ParseFundingRates_MalformedBody_ThrowsClearBadResponse(string body)
    {
        var ex = Assert.Throws<VenueException>(() => BinanceParsers.ParseFundingRates(U(body)));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Equal("binance", ex.Venue);
        Assert.StartsWith("binance: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"fundingTime\":1,\"fundingRate\":\"abc\"}]", "'fundingRate.fundingRate' is not a decimal: \"abc\"")]
    [InlineData("[{\"fundingTime\":1}]", "fundingRate: required field 'fundingRate' is missing or empty")]
    [InlineData("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", "fundingRate returned an error instead of data: -1121 Invalid symbol.")]
    [InlineData("{\"rows\":[]}", "fundingRate: expected a JSON array, got {\"rows\":[]}")]
    public void ParseFundingRates_MalformedBody_NamesEndpointAndField(string body, string expected)
    {
        var ex = Assert.Throws<VenueException>(() => BinanceParsers.ParseFundingRates(U(body)));

        Assert.Equal("binance: " + expected, ex.Message);
    }

    [Fact]
    public void ParseKlines_BadSlot_NamesTheSlot()
    {
        var ex = Assert.Throws<VenueException>(() => BinanceParsers.ParseKlines(U("""[[1499040000000,"1","x","0.5","1",0,1499040059999,"0",3,"0","0","0"]]""")));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Contains("'high' is not a decimal: \"x\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseError_BinanceErrorBody_ReadsCodeAndMessage()
    {
        Assert.True(BinanceParsers.TryParseError(U("""{"code":-1121,"msg":"Invalid symbol."}"""), out var code, out var msg));
        Assert.Equal(-1121, code);
        Assert.Equal("Invalid symbol.", msg);
        Assert.False(BinanceParsers.TryParseError(U("<html>"), out _, out _));
        Assert.False(BinanceParsers.TryParseError(U("[]"), out _, out _));
    }

    [Fact]
    public void ParseStreamFrame_MarkPriceArray_DeliversOneBatch()
    {
        var handler = new CollectingStreamHandler();

        BinanceParsers.ParseStreamFrame(F("stream_markPrice.json"), handler);

        var batch = Assert.Single(handler.MarkPriceBatches);
        Assert.Equal(3, batch.Count);
        Assert.Equal(
            new PremiumIndex(new Symbol("BTCUSDT"), 121346.2m, 121398.59456522m, 121371.15221698m, 0.0001m, 0m, Ms(1760083200000), Ms(1760054400000)),
            batch[0]);
        Assert.Equal(-0.00003517m, batch[1].FundingRate);
        Assert.Equal(0m, batch[2].FundingRate); // delivery contract: "r":"" and "T":0
        Assert.Empty(handler.Liquidations);
    }

    [Fact]
    public void ParseStreamFrame_ForceOrderSell_IsLongLiquidationWithFilledNotional()
    {
        var handler = new CollectingStreamHandler();

        BinanceParsers.ParseStreamFrame(F("stream_forceOrder.json"), handler);

        var liq = Assert.Single(handler.Liquidations);
        Assert.Equal(new Liquidation(new Symbol("ETHUSDT"), PositionSide.Long, 3811.25m, 3822.40m, 12.5m, Ms(1760127605117)), liq);
        Assert.Equal(12.5m * 3822.40m, liq.NotionalUsd);
    }

    [Fact]
    public void ParseStreamFrame_ForceOrderBuyWithDataBeforeStream_IsShortLiquidation()
    {
        var handler = new CollectingStreamHandler();
        var frame = """{"data":{"E":5,"o":{"T":7,"z":"2","ap":"10","p":"9","S":"BUY","s":"solusdt","extra":[1]},"e":"forceOrder"},"stream":"!forceOrder@arr"}""";

        BinanceParsers.ParseStreamFrame(U(frame), handler);

        Assert.Equal(new Liquidation(new Symbol("SOLUSDT"), PositionSide.Short, 9m, 10m, 2m, Ms(7)), Assert.Single(handler.Liquidations));
    }

    [Fact]
    public void ParseStreamFrame_RawArrayAndRawEvent_AreAccepted()
    {
        var handler = new CollectingStreamHandler();

        BinanceParsers.ParseStreamFrame(U("""[{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"2","i":"3","P":"4","r":"0.0005","T":9}]"""), handler);
        BinanceParsers.ParseStreamFrame(U("""{"e":"forceOrder","E":1,"o":{"s":"BTCUSDT","S":"SELL","q":"1","p":"5","ap":"6","z":"1","T":3}}"""), handler);

        Assert.Equal(0.0005m, Assert.Single(Assert.Single(handler.MarkPriceBatches)).FundingRate);
        Assert.Equal(PositionSide.Long, Assert.Single(handler.Liquidations).Side);
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""")]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1,"s":"BTCUSDT","p":"1"}}""")]
    [InlineData("""{"stream":"!markPrice@arr@1s","data":[]}""")]
    public void ParseStreamFrame_AcksUnknownEventsAndEmptyBatches_DeliverNothing(string frame)
    {
        var handler = new CollectingStreamHandler();

        BinanceParsers.ParseStreamFrame(U(frame), handler);

        Assert.Empty(handler.MarkPriceBatches);
        Assert.Empty(handler.Liquidations);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"stream":"!markPrice@arr@1s","data":[{"e":"markPriceUpdate","s":"BTCUSDT","p":"1"},{"e":"markPriceUp""")]
    [InlineData("""{"stream":"!markPrice@arr@1s","data":[{"e":"markPriceUpdate","s":"BTCUSDT","p":"one"}]}""")]
    [InlineData("""{"stream":"!markPrice@arr@1s","data":[{"e":"markPriceUpdate","p":"1"}]}""")]
    [InlineData("""{"stream":"!forceOrder@arr","data":{"e":"forceOrder","o":{"s":"BTCUSDT","S":"HOLD","z":"1"}}}""")]
    [InlineData("""{"stream":"x","data":42}""")]
    [InlineData("\"hello\"")]
    public void ParseStreamFrame_Malformed_ThrowsBadResponseAndDeliversNoBatch(string frame)
    {
        var handler = new CollectingStreamHandler();

        var ex = Assert.Throws<VenueException>(() => BinanceParsers.ParseStreamFrame(U(frame), handler));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Empty(handler.MarkPriceBatches);
        Assert.Empty(handler.Liquidations);
    }
}
