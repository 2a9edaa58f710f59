using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Gate;

// Gate's REST bodies (GateWire DTOs) turned into records: which fields are required, contract sizes and units.
public sealed partial class GateVenue
{
    private static GateJsonContext Wire => GateJsonContext.Default;

    /// <summary><c>/futures/usdt/contracts</c>: name → metadata.</summary>
    internal static IReadOnlyDictionary<string, GateContract> ParseContracts(byte[] body)
    {
        var j = new VenueJson(VenueIds.Gate, "contracts");
        var result = new Dictionary<string, GateContract>(StringComparer.Ordinal);
        foreach (var item in j.ReadList(body, Wire.ListGateContractDto))
        {
            var name = j.RequireText(item.Name, "name");
            var quanto = item.QuantoMultiplier ?? throw j.Missing("quanto_multiplier");
            var interval = item.FundingInterval ?? 28_800;
            if (quanto <= 0 || interval is <= 0 or > 86_400)
            {
                throw j.Bad($"contracts: {name} has quanto_multiplier {quanto} and funding_interval {interval}");
            }
            var next = item.FundingNextApply;
            result[name] = new GateContract(
                name,
                quanto,
                (int)interval,
                next is > 0 ? DateTimeOffset.FromUnixTimeSeconds(next.Value) : null,
                item.InDelisting);
        }
        return result;
    }

    /// <summary>
    /// <c>/futures/usdt/tickers</c> joined with the contracts: one stat per USDT contract that is listed and not
    /// delisting (plain names before multiplier names when both exist). Gate's tickers carry no time: rows are stamped <paramref name="now"/>.
    /// </summary>
    internal static IReadOnlyList<VenueInstrumentStat> ParseTickers(byte[] body, IReadOnlyDictionary<string, GateContract> contracts, DateTimeOffset now)
    {
        var j = new VenueJson(VenueIds.Gate, "tickers");
        var rows = new List<(VenueInstrumentStat Stat, decimal CoinsPerUnit)>();
        foreach (var item in j.ReadList(body, Wire.ListGateTickerDto))
        {
            var name = j.RequireText(item.Contract, "contract");
            if (!contracts.TryGetValue(name, out var contract) || contract.InDelisting || !name.EndsWith("_USDT", StringComparison.Ordinal))
            {
                continue;
            }
            var asset = AssetNames.Parse(name);
            var mark = item.MarkPrice ?? throw j.Missing("mark_price");
            var contractsOpen = item.TotalSize ?? throw j.Missing("total_size");
            var baseUnits = contractsOpen * contract.QuantoMultiplier;
            rows.Add((new VenueInstrumentStat(
                VenueIds.Gate,
                name,
                asset.Asset,
                mark / asset.CoinsPerUnit,
                item.FundingRate,
                Math.Max(1, contract.FundingIntervalSeconds / 3600),
                NextSettlement(contract, now),
                baseUnits * asset.CoinsPerUnit,
                baseUnits * mark,
                item.Volume24hQuote ?? item.Volume24hSettle,
                now), asset.CoinsPerUnit));
        }
        return rows.OrderBy(r => r.CoinsPerUnit).Select(r => r.Stat).ToList();
    }

    /// <summary><c>contract_stats</c>: oldest first; coins = open_interest × <paramref name="coinsPerContract"/>.</summary>
    internal static IReadOnlyList<OpenInterestPoint> ParseContractStats(byte[] body, decimal coinsPerContract)
    {
        var j = new VenueJson(VenueIds.Gate, "contract_stats");
        return j.ReadList(body, Wire.ListGateContractStatDto)
            .Select(item => new OpenInterestPoint(
                DateTimeOffset.FromUnixTimeSeconds(item.Time ?? throw j.Missing("time")),
                (item.OpenInterest ?? throw j.Missing("open_interest")) * coinsPerContract,
                item.OpenInterestUsd ?? 0m))
            .OrderBy(p => p.Time)
            .ToList();
    }

    /// <summary>Gate's <c>funding_next_apply</c>, rolled forward by whole intervals while it lies in the past (the metadata is cached).</summary>
    private static DateTimeOffset? NextSettlement(GateContract contract, DateTimeOffset now)
    {
        if (contract.FundingNextApply is not { } next)
        {
            return null;
        }
        var step = TimeSpan.FromSeconds(contract.FundingIntervalSeconds);
        if (next <= now)
        {
            var behind = (now - next).Ticks / step.Ticks + 1;
            next += TimeSpan.FromTicks(step.Ticks * behind);
        }
        return next;
    }
}
