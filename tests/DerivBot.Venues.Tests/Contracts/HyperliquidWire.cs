using System.Globalization;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Hyperliquid;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary>
/// <see cref="VenueOverviewContract.Market"/> as Hyperliquid's <c>POST /info {"type":"metaAndAssetCtxs"}</c> reply (OI in
/// coins, every number a string). Hyperliquid settles every HOUR, so the market's rate per 8 h goes on the wire divided by 8.
/// </summary>
internal static class HyperliquidWire
{
    public const string InfoPath = "/info";

    private static string S(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static FakeResponse MetaAndAssetCtxs()
    {
        var market = VenueOverviewContract.Market;
        var universe = string.Join(",", market.Select(l => $$"""{"name":"{{l.Asset}}","szDecimals":4,"maxLeverage":25}"""));
        var contexts = string.Join(",", market.Select(l => $$"""
            {"dayNtlVlm":"{{S(1000 * l.MarkPrice)}}","funding":"{{S(l.FundingRate / l.FundingIntervalHours)}}","impactPxs":["{{S(l.MarkPrice)}}","{{S(l.MarkPrice)}}"],"markPx":"{{S(l.MarkPrice)}}","midPx":"{{S(l.MarkPrice)}}","openInterest":"{{S(l.OpenInterestCoins)}}","oraclePx":"{{S(l.MarkPrice)}}","premium":"0.0","prevDayPx":"{{S(l.MarkPrice)}}","dayBaseVlm":"1000"}
            """.Trim()));
        return FakeResponse.Json($$"""[{"universe":[{{universe}}]},[{{contexts}}]]""");
    }

    /// <summary>The Hyperliquid fake (requests checked as the real API does) and the adapter over it.</summary>
    public static async Task<(FakeJsonVenueServer Fake, HyperliquidVenue Venue)> StartAsync(HttpClient http, TimeProvider clock, TimeSpan timeout)
    {
        var fake = await FakeJsonVenueServer.StartAsync("hyperliquid",
            new Dictionary<string, string> { [InfoPath] = "metaAndAssetCtxs.json" },
            check: r => r.Method == "POST" && r.Body.Contains("metaAndAssetCtxs", StringComparison.Ordinal) ? null : "expected POST {\"type\":\"metaAndAssetCtxs\"}");
        var venue = new HyperliquidVenue(http, Options.Create(new HyperliquidOptions { RestUrl = fake.RestUrl }),
            Options.Create(new VenuesOptions { RequestTimeout = timeout }), clock, NullLogger<HyperliquidVenue>.Instance);
        return (fake, venue);
    }
}
