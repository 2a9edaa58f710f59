using System.Text;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Gate;

namespace DerivBot.Venues.Tests.Gate;

/// <summary>
/// <c>/futures/usdt/liq_orders</c> rows as apis.md B.5 gives them: <c>time</c> in seconds, <c>size</c> and <c>left</c>
/// integers. apis.md says nothing about the sign of <c>size</c>; the adapter reads Gate's "Position size" as long-positive
/// (documented as unverified in docs/venues/gate.md), and these tests pin exactly that reading.
/// </summary>
public sealed class GateLiquidationParsingTests
{
    private static readonly GateVenue.GateContract Btc = new("BTC_USDT", 0.0001m, 28800, null, false);
    private static readonly Symbol BtcUsdt = new("BTCUSDT");

    private static IReadOnlyList<Liquidation> Parse(string body) => GateVenue.ParseLiquidations(
        Encoding.UTF8.GetBytes(body), Btc, BtcUsdt, DateTimeOffset.FromUnixTimeSeconds(1548654900), DateTimeOffset.FromUnixTimeSeconds(1548655000));

    [Fact]
    public void ParseLiquidations_ApisMdExampleRow_SecondsIntegerContractsFillPrice()
    {
        // The example row of apis.md B.5, verbatim.
        var events = Parse("""[{"time":1548654951,"contract":"BTC_USDT","size":600,"order_price":"3405","fill_price":"3424","left":0}]""");

        var l = Assert.Single(events);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1548654951), l.Time); // seconds, not milliseconds
        Assert.Equal(0.06m, l.Quantity);                                       // 600 contracts × 0.0001 BTC
        Assert.Equal(3424m, l.Price);                                          // fill_price, not order_price
        Assert.Equal(205.44m, l.NotionalUsd);                                  // 0.06 × 3,424
        Assert.Equal(PositionSide.Long, l.Side);                               // positive position size: a long
        Assert.Equal(VenueIds.Gate, l.Venue);
    }

    [Fact]
    public void ParseLiquidations_NegativeSize_ShortOfTheSameMagnitude()
    {
        var l = Assert.Single(Parse("""[{"time":1548654951,"contract":"BTC_USDT","size":-600,"order_price":"3405","fill_price":"3424","left":0}]"""));

        Assert.Equal((PositionSide.Short, 0.06m), (l.Side, l.Quantity));
    }

    [Fact]
    public void ParseLiquidations_FractionalSize_BadResponse()
    {
        // apis.md: size is an integer number of contracts; 600.5 is not something Gate sends.
        var ex = Assert.Throws<VenueException>(() => Parse("""[{"time":1548654951,"contract":"BTC_USDT","size":600.5,"order_price":"3405","fill_price":"3424","left":0}]"""));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Contains("size", ex.Message, StringComparison.Ordinal);
    }
}
