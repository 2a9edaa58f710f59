using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

// One liquidation-orders frame: its details as sent, then in coins and USD of the watched symbol.
public sealed partial class OkxLiquidationStream
{
    /// <summary>One OKX liquidation detail as sent: <paramref name="Contracts"/> is <c>sz</c>, <paramref name="BankruptcyPrice"/> <c>bkPx</c>.</summary>
    internal readonly record struct RawEvent(string InstId, PositionSide Side, decimal Contracts, decimal BankruptcyPrice, DateTimeOffset Time);

    /// <summary>
    /// Contracts → coins of the instrument's asset → the watched symbol's units. Linear: coins = sz × ctVal × ctMult ×
    /// the name's multiplier; inverse (USD-sized): coins = sz × ctVal × ctMult / bkPx. The watched symbol may itself be
    /// a multiple (<c>1000PEPEUSDT</c>): quantity and price are rescaled so quantity × price stays the USD notional.
    /// </summary>
    internal static Liquidation ToLiquidation(RawEvent e, OkxInstrument instrument, Symbol symbol)
    {
        var multiplier = instrument.CtMult > 0 ? instrument.CtMult : 1m;
        var inverse = instrument.CtType == "inverse" || e.InstId.EndsWith("-USD-SWAP", StringComparison.Ordinal);
        var nameUnit = AssetNames.Parse(e.InstId).CoinsPerUnit;
        var coins = inverse
            ? e.Contracts * instrument.CtVal * multiplier / e.BankruptcyPrice
            : e.Contracts * instrument.CtVal * multiplier * nameUnit;
        var pricePerCoin = e.BankruptcyPrice / nameUnit;
        var symbolUnit = AssetNames.Parse(symbol.Value).CoinsPerUnit;
        var price = pricePerCoin * symbolUnit;
        return new Liquidation(symbol, e.Side, price, price, coins / symbolUnit, e.Time, VenueIds.Okx);
    }

    /// <summary>Parses one frame: the details of a <c>liquidation-orders</c> push, or none for acks (with the message of
    /// an <c>error</c> event).</summary>
    internal static (IReadOnlyList<RawEvent> Events, string? Error) Parse(ReadOnlyMemory<byte> frame)
    {
        var j = new VenueJson(VenueIds.Okx, "liquidation-orders");
        return j.Read(frame, root =>
        {
            j.RequireKind(root, JsonValueKind.Object);
            if (j.OptionalString(root, "event") is { } ev)
            {
                return ((IReadOnlyList<RawEvent>)[], ev == "error" ? $"{j.OptionalString(root, "code")} {j.OptionalString(root, "msg")}".Trim() : null);
            }
            var data = j.Property(root, "data", JsonValueKind.Array);
            var list = new List<RawEvent>();
            foreach (var item in data.EnumerateArray())
            {
                var instId = j.RequireString(item, "instId");
                foreach (var d in j.Property(item, "details", JsonValueKind.Array).EnumerateArray())
                {
                    var side = j.RequireString(d, "side") switch
                    {
                        "sell" => PositionSide.Long, // a long is closed by a forced sell
                        "buy" => PositionSide.Short,
                        var other => throw j.Bad($"liquidation-orders: unknown side '{other}'"),
                    };
                    var sz = j.RequireDecimal(d, "sz");
                    var bkPx = j.RequireDecimal(d, "bkPx");
                    if (sz <= 0 || bkPx <= 0)
                    {
                        throw j.Bad("liquidation-orders: non-positive sz or bkPx");
                    }
                    list.Add(new RawEvent(instId, side, sz, bkPx, j.RequireTime(d, "ts")));
                }
            }
            return ((IReadOnlyList<RawEvent>)list, (string?)null);
        });
    }
}
