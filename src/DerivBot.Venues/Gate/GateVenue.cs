using System.Globalization;
using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Gate;

/// <summary>
/// Gate USDT-settled perpetual futures as an <see cref="IVenueOverview"/> (apis.md B.5). Names look like <c>BTC_USDT</c>.
/// <list type="bullet">
/// <item><c>GET /futures/usdt/contracts</c> (all contracts, cached <see cref="ContractsTtl"/>): <c>quanto_multiplier</c>
/// (string, coins per contract), <c>funding_interval</c> (JSON number, seconds), <c>funding_next_apply</c> (seconds),
/// <c>in_delisting</c> (skipped when true).</item>
/// <item><c>GET /futures/usdt/tickers</c> (all contracts, one call per cycle): <c>total_size</c> = open interest in
/// CONTRACTS, so coins = total_size × quanto_multiplier (× the name's multiplier, e.g. <c>1000PEPE_USDT</c>);
/// <c>mark_price</c>, <c>funding_rate</c> (fraction per interval), <c>volume_24h_quote</c> (USDT; <c>volume_24h_settle</c>
/// when absent).</item>
/// <item>Open-interest history: <c>GET /futures/usdt/contract_stats?contract=…&amp;interval=…</c> (apis.md E, fixture
/// <c>GetContractStats.txt</c> [L]): <c>open_interest</c> in contracts (× quanto multiplier = coins), <c>open_interest_usd</c>,
/// <c>time</c> in seconds. Gate's intervals are 5m, 15m, 30m, 1h, 4h, 1d; other periods return empty.</item>
/// </list>
/// apis.md gives no Gate rate limit; our gate allows <see cref="RequestsPerMinute"/> requests per minute in total, far
/// inside Gate's published per-endpoint public limit. Documented in <c>docs/venues/gate.md</c>.
/// </summary>
public sealed class GateVenue : IVenueOverview
{
    /// <summary>Our own cap on requests per minute to Gate's host.</summary>
    public const int RequestsPerMinute = 300;

    /// <summary>How long contract metadata (quanto multiplier, funding interval) is reused.</summary>
    public static readonly TimeSpan ContractsTtl = TimeSpan.FromHours(1);

    internal const string ContractsPath = "/futures/usdt/contracts";
    internal const string TickersPath = "/futures/usdt/tickers";
    internal const string ContractStatsPath = "/futures/usdt/contract_stats";
    internal const string LiquidationsPath = "/futures/usdt/liq_orders";

    private readonly VenueHttp _http;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private volatile CachedContracts? _contracts;

    public GateVenue(HttpClient http, IOptions<GateOptions> options, IOptions<VenuesOptions> venues, TimeProvider time, ILogger<GateVenue> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _timeout = venues.Value.RequestTimeout;
        _time = time;
        _http = new VenueHttp(Name, http, options.Value.RestUrl, RequestsPerMinute, _timeout, time, logger);
    }

    public string Name => VenueIds.Gate;

    internal HostRateGate Gate => _http.Gate;

    /// <summary>One Gate contract's metadata.</summary>
    /// <param name="QuantoMultiplier">Coins of the name's base per contract.</param>
    /// <param name="FundingNextApply">Next settlement as Gate sent it; rolled forward by the interval when it has passed.</param>
    internal sealed record GateContract(string Name, decimal QuantoMultiplier, int FundingIntervalSeconds, DateTimeOffset? FundingNextApply, bool InDelisting);

    private sealed record CachedContracts(IReadOnlyDictionary<string, GateContract> ByName, DateTimeOffset At);

    public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var wanted = assets.Select(a => a.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        return VenueDeadline.RunAsync(Name, _timeout, _time, async ct =>
        {
            var contracts = await ContractsAsync(ct).ConfigureAwait(false);
            var body = await _http.GetAsync(TickersPath, "", 1, ct).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            return (IReadOnlyList<VenueInstrumentStat>)ParseTickers(body, contracts, now)
                .Where(s => wanted.Contains(s.Asset))
                .GroupBy(s => s.Asset, StringComparer.Ordinal)
                .Select(g => g.First())
                .ToList();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        var interval = IntervalOf(period);
        var wanted = asset.Trim().ToUpperInvariant();
        return VenueDeadline.RunAsync(Name, _timeout, _time, async ct =>
        {
            if (interval is null)
            {
                return (IReadOnlyList<OpenInterestPoint>)[];
            }
            var contracts = await ContractsAsync(ct).ConfigureAwait(false);
            var listing = contracts.Values
                .Where(c => !c.InDelisting)
                .Select(c => (Contract: c, Ref: AssetNames.Parse(c.Name)))
                .Where(x => x.Ref.Asset == wanted && x.Contract.Name.EndsWith("_USDT", StringComparison.Ordinal))
                .OrderBy(x => x.Ref.CoinsPerUnit)
                .FirstOrDefault();
            if (listing.Contract is null)
            {
                return (IReadOnlyList<OpenInterestPoint>)[];
            }
            var q = "contract=" + Uri.EscapeDataString(listing.Contract.Name) + "&interval=" + interval;
            if (query.Start is { } start)
            {
                q += "&from=" + start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }
            if (query.End is { } end)
            {
                q += "&to=" + end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }
            if (query.Limit is { } limit)
            {
                q += "&limit=" + Math.Clamp(limit, 1, 100).ToString(CultureInfo.InvariantCulture);
            }
            var body = await _http.GetAsync(ContractStatsPath, q, 1, ct).ConfigureAwait(false);
            return ParseContractStats(body, listing.Contract.QuantoMultiplier * listing.Ref.CoinsPerUnit);
        }, cancellationToken);
    }

    /// <summary>Gate's <c>contract_stats</c> interval for <paramref name="period"/>, or null when Gate has none.</summary>
    internal static string? IntervalOf(DataPeriod period) => period switch
    {
        DataPeriod.M5 => "5m",
        DataPeriod.M15 => "15m",
        DataPeriod.M30 => "30m",
        DataPeriod.H1 => "1h",
        DataPeriod.H4 => "4h",
        DataPeriod.D1 => "1d",
        _ => null,
    };

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
        return j.Read(body, root =>
        {
            j.RequireKind(root, System.Text.Json.JsonValueKind.Array);
            var list = new List<Liquidation>();
            foreach (var e in root.EnumerateArray())
            {
                var seconds = j.OptionalInt64(e, "time") ?? throw j.Missing("time");
                var time = DateTimeOffset.FromUnixTimeSeconds(seconds);
                if (time <= after || time > until)
                {
                    continue; // only the polling window counts; the neighbours belong to the previous or next poll
                }
                var size = j.OptionalInt64(e, "size") ?? throw j.Missing("size"); // an integer number of contracts (apis.md B.5)
                var price = j.OptionalDecimal(e, "fill_price") is { } f && f > 0 ? f : j.RequireDecimal(e, "order_price");
                if (size == 0 || price <= 0)
                {
                    continue;
                }
                var coins = Math.Abs(size) * contract.QuantoMultiplier * nameUnit;
                var unitPrice = price / nameUnit * symbolUnit;
                list.Add(new Liquidation(watched, size > 0 ? PositionSide.Long : PositionSide.Short, unitPrice, unitPrice, coins / symbolUnit, time, VenueIds.Gate));
            }
            return (IReadOnlyList<Liquidation>)list;
        });
    }

    private async Task<IReadOnlyDictionary<string, GateContract>> ContractsAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_contracts is { } cached && now - cached.At < ContractsTtl)
        {
            return cached.ByName;
        }
        var body = await _http.GetAsync(ContractsPath, "", 1, ct).ConfigureAwait(false);
        var fresh = new CachedContracts(ParseContracts(body), now);
        _contracts = fresh;
        return fresh.ByName;
    }

    /// <summary><c>/futures/usdt/contracts</c>: name → metadata.</summary>
    internal static IReadOnlyDictionary<string, GateContract> ParseContracts(byte[] body)
    {
        const string what = "contracts";
        var json = new VenueJson(VenueIds.Gate, what);
        return json.Read(body, root =>
        {
            json.RequireKind(root, JsonValueKind.Array);
            var result = new Dictionary<string, GateContract>(StringComparer.Ordinal);
            foreach (var item in root.EnumerateArray())
            {
                json.RequireKind(item, JsonValueKind.Object, what + "[]");
                var name = json.RequireString(item, "name");
                var quanto = json.RequireDecimal(item, "quanto_multiplier");
                var interval = json.OptionalInt64(item, "funding_interval") ?? 28_800;
                if (quanto <= 0 || interval is <= 0 or > 86_400)
                {
                    throw new FormatException($"{what}: {name} has quanto_multiplier {quanto} and funding_interval {interval}");
                }
                var next = json.OptionalInt64(item, "funding_next_apply");
                result[name] = new GateContract(
                    name,
                    quanto,
                    (int)interval,
                    next is > 0 ? DateTimeOffset.FromUnixTimeSeconds(next.Value) : null,
                    json.OptionalBool(item, "in_delisting"));
            }
            return (IReadOnlyDictionary<string, GateContract>)result;
        });
    }

    /// <summary>
    /// <c>/futures/usdt/tickers</c> joined with the contracts: one stat per USDT contract that is listed and not
    /// delisting (plain names before multiplier names when both exist). Gate's tickers carry no time: rows are stamped <paramref name="now"/>.
    /// </summary>
    internal static IReadOnlyList<VenueInstrumentStat> ParseTickers(byte[] body, IReadOnlyDictionary<string, GateContract> contracts, DateTimeOffset now)
    {
        const string what = "tickers";
        var json = new VenueJson(VenueIds.Gate, what);
        return json.Read(body, root =>
        {
            json.RequireKind(root, JsonValueKind.Array);
            var rows = new List<(VenueInstrumentStat Stat, decimal CoinsPerUnit)>();
            foreach (var item in root.EnumerateArray())
            {
                json.RequireKind(item, JsonValueKind.Object, what + "[]");
                var name = json.RequireString(item, "contract");
                if (!contracts.TryGetValue(name, out var contract) || contract.InDelisting || !name.EndsWith("_USDT", StringComparison.Ordinal))
                {
                    continue;
                }
                var asset = AssetNames.Parse(name);
                var mark = json.RequireDecimal(item, "mark_price");
                var contractsOpen = json.RequireDecimal(item, "total_size");
                var baseUnits = contractsOpen * contract.QuantoMultiplier;
                rows.Add((new VenueInstrumentStat(
                    VenueIds.Gate,
                    name,
                    asset.Asset,
                    mark / asset.CoinsPerUnit,
                    json.OptionalDecimal(item, "funding_rate"),
                    Math.Max(1, contract.FundingIntervalSeconds / 3600),
                    NextSettlement(contract, now),
                    baseUnits * asset.CoinsPerUnit,
                    baseUnits * mark,
                    json.OptionalDecimal(item, "volume_24h_quote") ?? json.OptionalDecimal(item, "volume_24h_settle"),
                    now), asset.CoinsPerUnit));
            }
            return (IReadOnlyList<VenueInstrumentStat>)rows.OrderBy(r => r.CoinsPerUnit).Select(r => r.Stat).ToList();
        });
    }

    /// <summary><c>contract_stats</c>: oldest first; coins = open_interest × <paramref name="coinsPerContract"/>.</summary>
    internal static IReadOnlyList<OpenInterestPoint> ParseContractStats(byte[] body, decimal coinsPerContract)
    {
        const string what = "contract_stats";
        var json = new VenueJson(VenueIds.Gate, what);
        return json.Read(body, root =>
        {
            json.RequireKind(root, JsonValueKind.Array);
            var points = new List<OpenInterestPoint>();
            foreach (var item in root.EnumerateArray())
            {
                json.RequireKind(item, JsonValueKind.Object, what + "[]");
                var seconds = json.OptionalInt64(item, "time") ?? throw new FormatException($"{what}: required field 'time' is missing");
                points.Add(new OpenInterestPoint(
                    DateTimeOffset.FromUnixTimeSeconds(seconds),
                    json.RequireDecimal(item, "open_interest") * coinsPerContract,
                    json.OptionalDecimal(item, "open_interest_usd") ?? 0m));
            }
            return (IReadOnlyList<OpenInterestPoint>)points.OrderBy(p => p.Time).ToList();
        });
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
