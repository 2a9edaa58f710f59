using System.Globalization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Gate;

// liq_orders: the liquidations GateLiquidationPoller asks for, read in contracts of the watched symbol's units.
public sealed partial class GateVenue
{
    /// <summary>
    /// Liquidations of <paramref name="watched"/> (any venue's naming) with <c>time</c> in (<paramref name="after"/>,
    /// <paramref name="until"/>], from <c>/futures/usdt/liq_orders</c> (apis.md B.5: <c>time</c> in SECONDS; <c>size</c> and
    /// <c>left</c> are INTEGERS, so a fractional size is a bad response). Coins = |size| × quanto_multiplier × the name's
    /// multiplier. The side: apis.md says nothing about the sign of <c>size</c> (its one example, 600, has no side); Gate's
    /// own field description is "Position size", and Gate signs position sizes long-positive, so a positive size is read as
    /// a long liquidated and a negative one as a short [U — not backed by apis.md; docs/venues/gate.md]. The price is
    /// <c>fill_price</c> (else <c>order_price</c>). Quantity and price are in the watched symbol's units
    /// (<c>1000PEPEUSDT</c>), so quantity × price is the USD notional. Unknown contract: none.
    /// </summary>
    internal Task<IReadOnlyList<Liquidation>> GetLiquidationsAsync(Symbol watched, DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken) =>
        VenueDeadline.RunAsync(Name, _timeout, _time, async ct =>
        {
            var contracts = await ContractsAsync(ct).ConfigureAwait(false);
            var asset = AssetNames.Parse(watched.Value);
            var prefix = asset.CoinsPerUnit > 1 ? asset.CoinsPerUnit.ToString("0", CultureInfo.InvariantCulture) : "";
            var name = contracts.ContainsKey(prefix + asset.Asset + "_USDT") ? prefix + asset.Asset + "_USDT" : asset.Asset + "_USDT";
            if (!contracts.TryGetValue(name, out var contract))
            {
                return (IReadOnlyList<Liquidation>)[];
            }
            var q = $"contract={name}&from={after.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}&to={until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}&limit=1000";
            var body = await _http.GetAsync(LiquidationsPath, q, 1, ct).ConfigureAwait(false);
            return ParseLiquidations(body, contract, watched, after, until);
        }, cancellationToken);

    internal static IReadOnlyList<Liquidation> ParseLiquidations(byte[] body, GateContract contract, Symbol watched, DateTimeOffset after, DateTimeOffset until)
    {
        var j = new VenueJson(VenueIds.Gate, "liq_orders");
        var nameUnit = AssetNames.Parse(contract.Name).CoinsPerUnit;
        var symbolUnit = AssetNames.Parse(watched.Value).CoinsPerUnit;
        var list = new List<Liquidation>();
        foreach (var e in j.ReadList(body, Wire.ListGateLiquidationDto))
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(e.Time ?? throw j.Missing("time"));
            if (time <= after || time > until)
            {
                continue; // only the polling window counts; the neighbours belong to the previous or next poll
            }
            var size = e.Size ?? throw j.Missing("size"); // an integer number of contracts (apis.md B.5)
            var price = e.FillPrice is { } f && f > 0 ? f : e.OrderPrice ?? throw j.Missing("order_price");
            if (size == 0 || price <= 0)
            {
                continue;
            }
            var coins = Math.Abs(size) * contract.QuantoMultiplier * nameUnit;
            var unitPrice = price / nameUnit * symbolUnit;
            list.Add(new Liquidation(watched, size > 0 ? PositionSide.Long : PositionSide.Short, unitPrice, unitPrice, coins / symbolUnit, time, VenueIds.Gate));
        }
        return list;
    }
}
