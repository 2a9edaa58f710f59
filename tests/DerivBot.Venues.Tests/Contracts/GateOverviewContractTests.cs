using System.Text;
using DerivBot.Core.Ports;
using DerivBot.Venues.Gate;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary><see cref="GateVenue"/> passes the <see cref="IVenueOverview"/> contract over the Gate <see cref="FakeJsonVenueServer"/>:
/// OI on the wire in CONTRACTS (<c>total_size</c>, <c>contract_stats.open_interest</c>) times <c>quanto_multiplier</c>
/// (BTC 0.0001, ETH 0.01), <c>funding_interval</c> in seconds, times in seconds. Gate does publish OI history
/// (<c>contract_stats</c>), so <see cref="VenueOverviewContract.HasHistory"/> stays true.</summary>
public sealed class GateOverviewContractTests : LoopbackOverviewContract
{
    private static readonly Dictionary<string, decimal> Quanto = new(StringComparer.Ordinal) { ["BTC"] = 0.0001m, ["ETH"] = 0.01m };

    private static readonly string[] Paths = [GateVenue.ContractsPath, GateVenue.TickersPath, GateVenue.ContractStatsPath];

    private async Task<(FakeJsonVenueServer Fake, GateVenue Venue)> StartAsync(TimeSpan? timeout = null)
    {
        var fake = Track(await FakeJsonVenueServer.StartAsync("gate",
            new Dictionary<string, string>
            {
                [GateVenue.ContractsPath] = "contracts.json",
                [GateVenue.TickersPath] = "tickers.json",
                [GateVenue.ContractStatsPath] = "contract_stats.json",
            },
            basePath: "/api/v4",
            check: r => r.Method == "GET" ? null : "GET only"));
        var venue = new GateVenue(Http, Options.Create(new GateOptions { RestUrl = fake.RestUrl }),
            Options.Create(new VenuesOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) }), Clock, NullLogger<GateVenue>.Instance);
        return (fake, venue);
    }

    private static FakeResponse Contracts() => FakeResponse.Json("[" + string.Join(",", Market.Select(l => $$"""
        {"name":"{{l.Asset}}_USDT","type":"direct","quanto_multiplier":"{{S(Quanto[l.Asset])}}","mark_type":"index","last_price":"{{S(l.MarkPrice)}}","mark_price":"{{S(l.MarkPrice)}}","index_price":"{{S(l.MarkPrice)}}","funding_rate_indicative":"{{S(l.FundingRate)}}","funding_offset":0,"in_delisting":false,"interest_rate":"0.0003","funding_interval":{{l.FundingIntervalHours * 3600}},"funding_rate":"{{S(l.FundingRate)}}","funding_next_apply":{{Now.ToUnixTimeSeconds() + 4 * 3600}},"order_size_min":"1","order_size_max":"1000000","leverage_max":"100","trade_size":"1","position_size":"{{S(l.OpenInterestCoins / Quanto[l.Asset])}}","create_time":1669688556}
        """.Trim())) + "]");

    private static FakeResponse Tickers() => FakeResponse.Json("[" + string.Join(",", Market.Select(l => $$"""
        {"contract":"{{l.Asset}}_USDT","last":"{{S(l.MarkPrice)}}","low_24h":"{{S(l.MarkPrice)}}","high_24h":"{{S(l.MarkPrice)}}","change_percentage":"0","total_size":"{{S(l.OpenInterestCoins / Quanto[l.Asset])}}","volume_24h":"1000","volume_24h_base":"1000","volume_24h_quote":"{{S(1000 * l.MarkPrice)}}","volume_24h_settle":"{{S(1000 * l.MarkPrice)}}","mark_price":"{{S(l.MarkPrice)}}","funding_rate":"{{S(l.FundingRate)}}","funding_rate_indicative":"{{S(l.FundingRate)}}","index_price":"{{S(l.MarkPrice)}}","highest_bid":"{{S(l.MarkPrice)}}","lowest_ask":"{{S(l.MarkPrice)}}"}
        """.Trim())) + "]");

    /// <summary><c>contract_stats</c> for BTC_USDT: oldest first, <c>open_interest</c> a JSON number of contracts, <c>time</c> in seconds.</summary>
    private static FakeResponse Stats()
    {
        var btc = Market[0];
        var sb = new StringBuilder("[");
        sb.AppendJoin(",", btc.History.Select(p => $$"""
            {"time":{{p.Time.ToUnixTimeSeconds()}},"lsr_taker":1.1,"lsr_account":0.5,"long_liq_size":0,"short_liq_size":0,"open_interest":{{S(p.Contracts / Quanto["BTC"])}},"short_liq_usd":0,"mark_price":"{{S(btc.MarkPrice)}}","top_lsr_size":1.02,"short_liq_amount":0,"long_liq_amount":0,"open_interest_usd":{{S(p.Contracts * btc.MarkPrice)}},"top_lsr_account":1.5,"long_liq_usd":0}
            """.Trim()));
        return FakeResponse.Json(sb.Append(']').ToString());
    }

    protected override async Task<IVenueOverview> CreateAsync()
    {
        var (fake, venue) = await StartAsync();
        fake.Enqueue(GateVenue.ContractsPath, Contracts(), Contracts(), Contracts());
        fake.Enqueue(GateVenue.TickersPath, Tickers(), Tickers(), Tickers());
        fake.Enqueue(GateVenue.ContractStatsPath, Stats(), Stats());
        return venue;
    }

    protected override IEnumerable<VenueErrorKind> FailureKinds =>
    [
        VenueErrorKind.RateLimited, VenueErrorKind.Banned, VenueErrorKind.RegionBlocked, VenueErrorKind.ServerError,
        VenueErrorKind.BadResponse, VenueErrorKind.Timeout,
    ];

    protected override async Task<IVenueOverview> CreateFailingAsync(VenueErrorKind kind)
    {
        var (fake, venue) = await StartAsync(TimeoutFor(kind));
        var reply = FailureReply(kind);
        foreach (var path in Paths)
        {
            fake.Enqueue(path, Many(reply));
        }
        return venue;
    }

    protected override async Task<IVenueOverview> CreateHangingAsync()
    {
        var (fake, venue) = await StartAsync();
        foreach (var path in Paths)
        {
            fake.Enqueue(path, Many(new FakeResponse(Delay: Forever)));
        }
        return venue;
    }
}
