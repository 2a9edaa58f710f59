using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

// One allLiquidation frame read into liquidations (or the message of a rejected request).
public sealed partial class BybitLiquidationStream
{
    /// <summary>Parses one frame: liquidations of an <c>allLiquidation</c> push, or none for acks and pongs (with the
    /// message of a rejected request).</summary>
    internal static (IReadOnlyList<Liquidation> Events, string? Rejected) Parse(ReadOnlyMemory<byte> frame)
    {
        var j = new VenueJson(VenueIds.Bybit, "allLiquidation");
        return j.Read(frame, root =>
        {
            j.RequireKind(root, JsonValueKind.Object);
            if (j.OptionalString(root, "topic") is not { } topic || !topic.StartsWith(TopicPrefix, StringComparison.Ordinal))
            {
                var failed = root.TryGetProperty("success", out var ok) && ok.ValueKind == JsonValueKind.False;
                return ((IReadOnlyList<Liquidation>)[], failed ? j.OptionalString(root, "ret_msg") ?? "unknown error" : null);
            }
            var data = j.Property(root, "data", JsonValueKind.Array);
            var list = new List<Liquidation>(data.GetArrayLength());
            foreach (var e in data.EnumerateArray())
            {
                var side = j.RequireString(e, "S") switch
                {
                    "Buy" => PositionSide.Long, // Bybit: "When you receive a Buy update, this means that a long position has been liquidated"
                    "Sell" => PositionSide.Short,
                    var other => throw j.Bad($"allLiquidation: unknown side '{other}'"),
                };
                var price = j.RequireDecimal(e, "p");
                var size = j.RequireDecimal(e, "v");
                if (price <= 0 || size <= 0)
                {
                    throw j.Bad("allLiquidation: non-positive price or size");
                }
                list.Add(new Liquidation(new Symbol(j.RequireString(e, "s")), side, price, price, size, j.RequireTime(e, "T"), VenueIds.Bybit));
            }
            return ((IReadOnlyList<Liquidation>)list, (string?)null);
        });
    }
}
