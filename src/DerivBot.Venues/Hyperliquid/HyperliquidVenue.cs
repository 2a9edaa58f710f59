using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Hyperliquid;

/// <summary>
/// Hyperliquid perpetuals as an <see cref="IVenueOverview"/> (apis.md B.3): every figure comes from ONE
/// <c>POST /info {"type":"metaAndAssetCtxs"}</c> (weight 20 of 1200 per minute per IP), whatever the number of assets.
/// <list type="bullet">
/// <item><c>meta.universe[i]</c> pairs with <c>assetCtxs[i]</c> by index; entries with <c>isDelisted: true</c> are skipped.</item>
/// <item>Funding is <b>hourly</b>: <c>funding</c> is a fraction per 1 h, so <see cref="VenueInstrumentStat.FundingIntervalHours"/> = 1
/// (the 8 h equivalent is the aggregation's job); the next settlement is the next whole UTC hour.</item>
/// <item><b>Open interest unit:</b> we take <c>openInterest</c> to be the ONE-SIDED open interest in coins of the
/// listing (the same measure as Binance's <c>openInterest</c>: total long = total short), scaled by the <c>k</c> prefix
/// (<c>kPEPE</c> counts thousands of PEPE). Why: Hyperliquid's own docs and the apis.md source describe the field as the
/// asset's open interest in coin units with no mention of sides; the "two-sided" reading comes from one third-party
/// vendor only (apis.md marks it [3P], unverified). If that claim is ever confirmed, halve it here — this is the one
/// place. USD = coins × mark price (<c>markPx</c>), as for every other venue.</item>
/// <item><c>dayNtlVlm</c> is the 24 h notional volume in USD. Prices are per listed unit: a <c>kPEPE</c> mark of 0.0112
/// is 0.0000112 USD per PEPE.</item>
/// <item>Hyperliquid publishes no open-interest history: <see cref="GetOpenInterestHistoryAsync"/> is empty, with no request.</item>
/// </list>
/// Documented in <c>docs/venues/hyperliquid.md</c>.
/// </summary>
public sealed partial class HyperliquidVenue : IVenueOverview
{
    /// <summary>Hyperliquid's REST weight budget per IP per minute (apis.md B.3).</summary>
    public const int WeightPerMinute = 1200;

    /// <summary>Weight of <c>metaAndAssetCtxs</c> (every info request not listed as lighter weighs 20).</summary>
    public const int MetaAndAssetCtxsWeight = 20;

    /// <summary>Share of the IP budget we allow ourselves (the rest is headroom for other users of the IP).</summary>
    public const double BudgetShare = 0.8;

    internal const string InfoPath = "/info";
    internal const string MetaAndAssetCtxsBody = """{"type":"metaAndAssetCtxs"}""";

    private readonly VenueHttp _http;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public HyperliquidVenue(HttpClient http, IOptions<HyperliquidOptions> options, IOptions<VenuesOptions> venues, TimeProvider time, ILogger<HyperliquidVenue> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _timeout = venues.Value.RequestTimeout;
        _time = time;
        _http = new VenueHttp(Name, http, options.Value.RestUrl, (int)(WeightPerMinute * BudgetShare), _timeout, time, logger);
    }

    public string Name => VenueIds.Hyperliquid;

    internal HostRateGate Gate => _http.Gate;

    public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var wanted = assets.Select(a => a.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        return VenueDeadline.RunAsync(Name, _timeout, _time, async ct =>
        {
            var body = await _http.PostJsonAsync(InfoPath, MetaAndAssetCtxsBody, MetaAndAssetCtxsWeight, ct).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            return (IReadOnlyList<VenueInstrumentStat>)Parse(body, now)
                .Where(s => wanted.Contains(s.Asset))
                .GroupBy(s => s.Asset, StringComparer.Ordinal)
                .Select(g => g.First())
                .ToList();
        }, cancellationToken);
    }

    /// <summary>Hyperliquid publishes no open-interest history; always empty, no request is made.</summary>
    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenInterestPoint>>([]);
}
