using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Okx;

/// <summary>
/// OKX v5 USDT-margined linear SWAPs (apis.md B.2, docs/venues/okx.md): the full <see cref="IMarketDataVenue"/> and the
/// cross-venue <see cref="IVenueOverview"/>. Instrument ids (<c>BTC-USDT-SWAP</c>) are the <see cref="Symbol"/> values.
/// OKX counts open interest in CONTRACTS; every OI figure leaving this class is in coins (contracts × ctVal × ctMult).
/// Tickers, open interest and mark prices come in bulk; <c>funding-rate</c> exists only per instrument, so it is read
/// only for instruments someone asked about (overview assets, symbols the market store is following), at most once per
/// <see cref="OkxOptions.FundingMaxAge"/>. Each endpoint's limit is enforced locally (80 % of OKX's figure).
/// </summary>
public sealed partial class OkxVenue : IMarketDataVenue, IVenueOverview, IDisposable
{
    /// <summary>OKX's rate windows are 2 s; a 429/50011 without Retry-After pauses the host for one window.</summary>
    internal static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(2);

    /// <summary>Our share of each documented per-endpoint limit.</summary>
    private const double Share = 0.8;

    private readonly VenueRestClient _rest;
    private readonly OkxOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SlidingWindowLimiter[]> _limiters;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _watched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (OkxFunding Funding, DateTimeOffset At)> _funding = new(StringComparer.Ordinal);
    private readonly ReusedValue<IReadOnlyDictionary<string, OkxInstrument>> _instruments;
    private RankedInstruments? _mostTraded;

    public OkxVenue(HttpClient http, IOptions<OkxOptions> options, TimeProvider time, ILogger<OkxVenue> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _time = time;
        _instruments = new(time);
        // Documented requests per 2 s per IP and endpoint (apis.md B.2 and OKX's endpoint pages).
        _limiters = new (string Path, int PerWindow)[]
            {
                (Paths.Instruments, 20), (Paths.Tickers, 20), (Paths.MarkPrice, 10), (Paths.OpenInterest, 20),
                (Paths.FundingRate, 20), (Paths.FundingHistory, 10), (Paths.Candles, 40),
                (Paths.OpenInterestHistory, 5), (Paths.LongShortRatio, 5),
            }
            .ToDictionary(e => e.Path,
                e => new[] { new SlidingWindowLimiter(Name, e.Path, Math.Max(1, (int)(e.PerWindow * Share)), RateWindow, time) },
                StringComparer.Ordinal);
        // No per-minute weight on OKX (weight 0, budget 1): the gate only holds the 429/50011 pause.
        _rest = new VenueRestClient(Name, http, _options.RestUrl, new HostRateGate(Name, new Uri(_options.RestUrl).Host, 1, time),
            new OkxProtocol(), _options.RequestTimeout, _options.MaxRetries, _options.RetryBaseDelay, time, logger);
    }

    public string Name => VenueIds.Okx;

    internal HostRateGate Gate => _rest.Gate;

    internal SlidingWindowLimiter Limiter(string path) => _limiters[path][0];

    // ------------------------------------------------------------------ IMarketDataVenue

    public async Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken)
    {
        var instruments = await InstrumentsAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return instruments.Values
            .Where(i => i.IsLiveUsdtSwap)
            .OrderBy(i => i.InstId, StringComparer.Ordinal)
            .Select(i => new PerpetualContract(new Symbol(i.InstId), BaseOf(i), "USDT", "PERPETUAL", "TRADING", null, i.ListTime))
            .ToList();
    }

    /// <summary>
    /// Mark prices of every SWAP in one call, with the predicted funding of the WATCHED instruments (the most-traded
    /// <see cref="OkxOptions.DefaultWatched"/> plus those asked about recently; one <c>funding-rate</c> call each,
    /// cached). Instruments whose funding is not known are left out rather than given a made-up rate of 0.
    /// </summary>
    public async Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken)
    {
        var marks = await MarkPricesAsync(cancellationToken).ConfigureAwait(false);
        var watched = (await WatchedAsync(cancellationToken).ConfigureAwait(false)).Where(marks.ContainsKey).ToList();
        await FundingAsync(watched, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var result = new List<PremiumIndex>();
        foreach (var (instId, entry) in _funding)
        {
            if (now - entry.At < _options.WatchWindow && marks.TryGetValue(instId, out var mark))
            {
                result.Add(new PremiumIndex(new Symbol(instId), mark.Mark, 0m, 0m, entry.Funding.FundingRate, 0m, entry.Funding.FundingTime, mark.Time));
            }
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Symbol.Value, b.Symbol.Value));
        return result;
    }

    public async Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        var q = new VenueQuery().Add("instId", symbol.Value);
        AddPaging(q, query, 100);
        var body = await GetAsync(Paths.FundingHistory, q, cancellationToken).ConfigureAwait(false);
        return OkxParsers.ParseFundingHistory(body);
    }

    /// <summary>
    /// Intervals from <c>fundingTime</c>/<c>nextFundingTime</c> of <c>funding-rate</c> (8 h or 4 h, per instrument). As
    /// that endpoint has no bulk form, entries cover the watched and recently asked instruments; any other instrument
    /// is absent and reads as 8 h until someone asks about it.
    /// </summary>
    public async Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken)
    {
        await FundingAsync(await WatchedAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        return _funding
            .Where(f => now - f.Value.At < _options.WatchWindow)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new FundingInfoEntry(new Symbol(f.Key), f.Value.Funding.IntervalHours, 0m, 0m))
            .ToList();
    }

    /// <summary>Current OI of one instrument in COINS (contracts × ctVal × ctMult) and OKX's own USD value.</summary>
    public async Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        var q = new VenueQuery().Add("instType", "SWAP").Add("instId", symbol.Value);
        var body = await GetAsync(Paths.OpenInterest, q, cancellationToken).ConfigureAwait(false);
        var row = OkxParsers.ParseOpenInterest(body).FirstOrDefault(r => r.InstId == symbol.Value)
            ?? throw new VenueException(Name, VenueErrorKind.InvalidSymbol, $"{Name}: {symbol} is not listed");
        var coins = Coins(row, instruments);
        return new OpenInterestPoint(row.Time, coins, row.OiUsd ?? 0m);
    }

    /// <summary>Rubik <c>open-interest-history</c> in coins with OKX's USD value; oldest first.</summary>
    public async Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        var q = new VenueQuery().Add("instId", symbol.Value).Add("period", RubikPeriod(period));
        AddBeginEnd(q, query, 100);
        var body = await GetAsync(Paths.OpenInterestHistory, q, cancellationToken).ConfigureAwait(false);
        var perContract = instruments.TryGetValue(symbol.Value, out var i) && i.CoinsPerContract > 0 ? i.CoinsPerContract : (decimal?)null;
        return OkxParsers.ParseOpenInterestHistory(body, perContract);
    }

    /// <summary>
    /// All-account long/short of the instrument's coin (Rubik <c>long-short-account-ratio?ccy=</c>, periods 5m/1H/1D).
    /// OKX publishes no top-trader series here and no other periods: those are empty.
    /// </summary>
    public async Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        var wire = period switch { DataPeriod.M5 => "5m", DataPeriod.H1 => "1H", DataPeriod.D1 => "1D", _ => null };
        if (kind != RatioKind.GlobalAccounts || wire is null)
        {
            return [];
        }
        var q = new VenueQuery().Add("ccy", AssetNames.AssetOf(symbol.Value)).Add("period", wire);
        AddBeginEnd(q, query, null);
        var body = await GetAsync(Paths.LongShortRatio, q, cancellationToken).ConfigureAwait(false);
        return OkxParsers.ParseLongShortRatio(body);
    }

    /// <summary>Not read from OKX (its taker volume is per coin across products, not per swap): always empty.</summary>
    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TakerVolumePoint>>([]);

    public async Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken)
    {
        Watch(symbol.Value);
        if (Bar(interval) is not { } bar)
        {
            return [];
        }
        var q = new VenueQuery().Add("instId", symbol.Value).Add("bar", bar);
        AddPaging(q, query, 300);
        var body = await GetAsync(Paths.Candles, q, cancellationToken).ConfigureAwait(false);
        return OkxParsers.ParseCandles(body, interval.ToTimeSpan());
    }

    /// <summary>
    /// USDT swaps from the bulk SWAP tickers. Volume in coins (<c>volCcy24h</c>); quote volume = coins × last (OKX
    /// sends no USDT turnover for swaps); change percent from <c>open24h</c>.
    /// </summary>
    public async Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken)
    {
        var tickers = await TickersAsync("SWAP", cancellationToken).ConfigureAwait(false);
        return tickers
            .Where(t => t.InstId.EndsWith("-USDT-SWAP", StringComparison.Ordinal))
            .Select(t => new Ticker24h(new Symbol(t.InstId), t.Last, ChangePercent(t), t.VolCcy24h ?? 0m, (t.VolCcy24h ?? 0m) * t.Last,
                t.Time - TimeSpan.FromDays(1), t.Time))
            .ToList();
    }

    /// <summary>USDT spot pairs, renamed <c>BTC-USDT</c> → <c>BTCUSDT</c> so base + quote finds them as on every venue.</summary>
    public async Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken)
    {
        var tickers = await TickersAsync("SPOT", cancellationToken).ConfigureAwait(false);
        return tickers
            .Where(t => t.InstId.EndsWith("-USDT", StringComparison.Ordinal))
            .Select(t => new Ticker24h(new Symbol(t.InstId.Replace("-", "", StringComparison.Ordinal)), t.Last, ChangePercent(t),
                t.Vol24h ?? 0m, t.VolCcy24h ?? 0m, t.Time - TimeSpan.FromDays(1), t.Time))
            .ToList();
    }

    public void Dispose() => _instruments.Dispose();

    private void Watch(string instId) => _watched[instId] = _time.GetUtcNow();

    /// <summary>Contracts × coins per contract; OKX's own <c>oiCcy</c> when the instrument is unknown.</summary>
    private static decimal Coins(OkxOpenInterest row, IReadOnlyDictionary<string, OkxInstrument> instruments) =>
        instruments.TryGetValue(row.InstId, out var i) && i.CoinsPerContract > 0
            ? row.Oi * i.CoinsPerContract
            : row.OiCcy ?? throw new VenueException(VenueIds.Okx, VenueErrorKind.BadResponse, $"{VenueIds.Okx}: no contract size for {row.InstId}");

    private static decimal ChangePercent(OkxTicker t) => t.Open24h is { } open && open > 0 ? (t.Last - open) / open * 100m : 0m;

    private static string BaseOf(OkxInstrument i) => i.CtValCcy.Length > 0 ? i.CtValCcy : AssetNames.AssetOf(i.InstId);

    /// <summary>
    /// OKX candles/history paging: <c>after</c> = rows older than, <c>before</c> = rows newer than. A start alone is
    /// closed at "now", so the venue answers the newest rows of the window.
    /// </summary>
    private void AddPaging(VenueQuery q, HistoryQuery query, int maxLimit)
    {
        if (query.Start is { } start)
        {
            q.AddMs("after", (query.End ?? _time.GetUtcNow()) + TimeSpan.FromMilliseconds(1));
            q.AddMs("before", start - TimeSpan.FromMilliseconds(1));
        }
        else if (query.End is { } end)
        {
            q.AddMs("after", end + TimeSpan.FromMilliseconds(1));
        }
        if (query.Limit is { } limit)
        {
            q.Add("limit", Math.Clamp(limit, 1, maxLimit).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Rubik windows are <c>begin</c>/<c>end</c> (ms).</summary>
    private void AddBeginEnd(VenueQuery q, HistoryQuery query, int? maxLimit)
    {
        if (query.Start is { } start)
        {
            q.AddMs("begin", start);
            q.AddMs("end", query.End ?? _time.GetUtcNow());
        }
        else if (query.End is { } end)
        {
            q.AddMs("end", end);
        }
        if (maxLimit is { } max && query.Limit is { } limit)
        {
            q.Add("limit", Math.Clamp(limit, 1, max).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Rubik periods; the 6 h/12 h/1 d ones in their UTC-aligned form.</summary>
    internal static string RubikPeriod(DataPeriod period) => period switch
    {
        DataPeriod.M5 => "5m",
        DataPeriod.M15 => "15m",
        DataPeriod.M30 => "30m",
        DataPeriod.H1 => "1H",
        DataPeriod.H2 => "2H",
        DataPeriod.H4 => "4H",
        DataPeriod.H6 => "6Hutc",
        DataPeriod.H12 => "12Hutc",
        DataPeriod.D1 => "1Dutc",
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>Candle bars (UTC-aligned for 6 h and longer); OKX has no 8 h bar.</summary>
    internal static string? Bar(KlineInterval interval) => interval switch
    {
        KlineInterval.M1 => "1m",
        KlineInterval.M3 => "3m",
        KlineInterval.M5 => "5m",
        KlineInterval.M15 => "15m",
        KlineInterval.M30 => "30m",
        KlineInterval.H1 => "1H",
        KlineInterval.H2 => "2H",
        KlineInterval.H4 => "4H",
        KlineInterval.H6 => "6Hutc",
        KlineInterval.H12 => "12Hutc",
        KlineInterval.D1 => "1Dutc",
        _ => null,
    };


    private sealed record RankedInstruments(IReadOnlyList<string> InstIds, DateTimeOffset At);

    internal static class Paths
    {
        public const string Instruments = "/api/v5/public/instruments";
        public const string Tickers = "/api/v5/market/tickers";
        public const string MarkPrice = "/api/v5/public/mark-price";
        public const string OpenInterest = "/api/v5/public/open-interest";
        public const string FundingRate = "/api/v5/public/funding-rate";
        public const string FundingHistory = "/api/v5/public/funding-rate-history";
        public const string Candles = "/api/v5/market/candles";
        public const string OpenInterestHistory = "/api/v5/rubik/stat/contracts/open-interest-history";
        public const string LongShortRatio = "/api/v5/rubik/stat/contracts/long-short-account-ratio";
    }

    private sealed class OkxProtocol : IVenueProtocol
    {
        public TimeSpan DefaultRateLimitPause => RateWindow;

        public VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path, int status) => OkxParsers.EnvelopeError(body, path);

        public VenueException? StatusError(int status, ReadOnlySpan<byte> body, string path, TimeSpan? retryAfter) => null;
    }
}
