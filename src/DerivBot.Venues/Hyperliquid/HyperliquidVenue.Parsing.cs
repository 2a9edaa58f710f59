using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Hyperliquid;

// The metaAndAssetCtxs reply (HyperliquidWire DTOs) turned into one stat per listing: pairing by index, units, k names.
public sealed partial class HyperliquidVenue
{
    /// <summary>
    /// Parses a <c>metaAndAssetCtxs</c> reply into one stat per listed, non-delisted asset (plain listings before
    /// <c>k</c> ones when both exist). <paramref name="now"/> stamps the rows: the reply carries no time.
    /// </summary>
    internal static IReadOnlyList<VenueInstrumentStat> Parse(byte[] body, DateTimeOffset now)
    {
        const string what = "metaAndAssetCtxs";
        var nextHour = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(1);
        var j = new VenueJson(VenueIds.Hyperliquid, what);
        var reply = WireJson.Read(body, j.Venue, what, HyperliquidJsonContext.Default.HyperliquidMetaAndCtxs)
            ?? throw j.Bad($"{what}: expected [meta, assetCtxs], got null");
        var meta = reply.Meta ?? throw j.Bad($"{what}[0]: expected an object, got null");
        var universe = meta.Universe ?? throw j.Bad($"{what}: meta has no 'universe'");
        var contexts = reply.AssetCtxs ?? throw j.Bad($"{what}[1]: expected an array, got null");
        if (contexts.Count < universe.Count)
        {
            throw j.Bad($"{what}: {universe.Count} assets but {contexts.Count} contexts");
        }

        var rows = new List<(VenueInstrumentStat Stat, decimal CoinsPerUnit)>();
        for (var index = 0; index < universe.Count; index++)
        {
            var entry = universe[index] ?? throw j.Bad($"{what}.universe[]: expected an object, got null");
            if (entry.IsDelisted)
            {
                continue;
            }
            var ctx = contexts[index] ?? throw j.Bad($"{what}.assetCtxs[]: expected an object, got null");
            var name = j.RequireText(entry.Name, "name");
            var asset = AssetNames.Parse(name);
            var mark = ctx.MarkPx ?? throw j.Missing("markPx");
            var openInterest = ctx.OpenInterest ?? throw j.Missing("openInterest");
            rows.Add((new VenueInstrumentStat(
                VenueIds.Hyperliquid,
                name,
                asset.Asset,
                mark / asset.CoinsPerUnit,
                ctx.Funding,
                1,
                nextHour,
                openInterest * asset.CoinsPerUnit,
                openInterest * mark,
                ctx.DayNtlVlm,
                now), asset.CoinsPerUnit));
        }
        return rows
            .OrderBy(r => r.CoinsPerUnit)
            .Select(r => r.Stat)
            .ToList();
    }
}
