using System.Globalization;
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
public sealed partial class GateVenue : IVenueOverview
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
}
