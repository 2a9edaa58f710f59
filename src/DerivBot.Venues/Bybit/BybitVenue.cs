using System.Globalization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Bybit;

/// <summary>
/// Bybit v5 linear USDT perpetuals (apis.md B.1, docs/venues/bybit.md): the full <see cref="IMarketDataVenue"/> (so the
/// market store can run on Bybit when Binance answers 451) and the cross-venue <see cref="IVenueOverview"/>. Bybit's
/// tickers carry funding, OI and turnover for every symbol in ONE call; the funding interval per symbol comes from
/// instruments-info, cached for <see cref="BybitOptions.InstrumentsMaxAge"/>. What Bybit does not publish (top-trader
/// ratios, taker volume, 8 h klines) is an empty list, never an exception.
/// </summary>
public sealed partial class BybitVenue : IMarketDataVenue, IVenueOverview, IDisposable
{
    /// <summary>Bybit's short IP window (70 req/s over 5 s in the stored docs; "600 per 5 s" on the live site).</summary>
    internal static readonly TimeSpan IpWindow = TimeSpan.FromSeconds(5);

    /// <summary>80 % of the stricter documented figure: 70 req/s × 5 s = 350 → 280 per 5 s.</summary>
    internal const int IpRequestsPerWindow = 280;

    /// <summary>80 % of the sustained figure (50 req/s over 2 min = 3000 per minute) → 2400 per minute.</summary>
    internal const int IpRequestsPerMinute = 2400;

    /// <summary>HTTP 403 is an IP ban that "usually" lasts 30 minutes (apis.md B.1).</summary>
    internal static readonly TimeSpan DefaultBan = TimeSpan.FromMinutes(30);

    private const string Category = "linear";

    private readonly VenueRestClient _rest;
    private readonly SlidingWindowLimiter[] _limiters;
    private readonly BybitOptions _options;
    private readonly TimeProvider _time;
    private readonly ReusedValue<IReadOnlyDictionary<Symbol, BybitInstrument>> _instruments;

    public BybitVenue(HttpClient http, IOptions<BybitOptions> options, TimeProvider time, ILogger<BybitVenue> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _time = time;
        _instruments = new(time);
        var host = new Uri(_options.RestUrl).Host;
        IpLimiter = new SlidingWindowLimiter(Name, "IP", IpRequestsPerWindow, IpWindow, time);
        _limiters = [IpLimiter];
        _rest = new VenueRestClient(Name, http, _options.RestUrl, new HostRateGate(Name, host, IpRequestsPerMinute, time),
            new BybitProtocol(), _options.RequestTimeout, _options.MaxRetries, _options.RetryBaseDelay, time, logger);
    }

    public string Name => VenueIds.Bybit;

    /// <summary>Ban state and per-minute budget of the REST host (tests, diagnostics).</summary>
    internal HostRateGate Gate => _rest.Gate;

    internal SlidingWindowLimiter IpLimiter { get; }

    // ------------------------------------------------------------------ IMarketDataVenue

    public async Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken)
    {
        var instruments = await InstrumentsAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return instruments.Values
            .Where(i => i.IsTradingUsdtPerpetual)
            .OrderBy(i => i.Symbol.Value, StringComparer.Ordinal)
            // Binance's words for the same thing, so code written against the primary venue reads every venue alike.
            .Select(i => new PerpetualContract(i.Symbol, BaseOf(i), i.QuoteCoin, "PERPETUAL", "TRADING", null, i.LaunchTime))
            .ToList();
    }

    public async Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken)
    {
        var (tickers, time) = await TickersAsync(Category, null, cancellationToken).ConfigureAwait(false);
        var at = time ?? _time.GetUtcNow();
        return tickers
            .Where(t => IsUsdtPerpetualName(t.Symbol) && t.MarkPrice is > 0)
            .Select(t => new PremiumIndex(t.Symbol, t.MarkPrice!.Value, t.IndexPrice ?? 0m, 0m, t.FundingRate ?? 0m, 0m,
                t.NextFundingTime ?? DateTimeOffset.UnixEpoch, at))
            .ToList();
    }

    public async Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken)
    {
        var q = new VenueQuery().Add("category", Category).Add("symbol", symbol.Value).AddWindow(query, "startTime", "endTime", 200, _time);
        var body = await _rest.GetAsync(Paths.FundingHistory, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        return BybitParsers.ParseFundingHistory(body);
    }

    /// <summary>Every trading USDT perpetual with its own interval (Bybit publishes it per symbol: 1, 2, 4 or 8 h).</summary>
    public async Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken)
    {
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        return instruments.Values
            .Where(i => i.IsTradingUsdtPerpetual)
            .OrderBy(i => i.Symbol.Value, StringComparer.Ordinal)
            .Select(i => new FundingInfoEntry(i.Symbol, i.FundingIntervalHours, i.UpperFundingRate ?? 0m, i.LowerFundingRate ?? 0m))
            .ToList();
    }

    /// <summary>From the single-symbol ticker: OI in base units of the listing and Bybit's own USD value.</summary>
    public async Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        var (tickers, time) = await TickersAsync(Category, symbol, cancellationToken).ConfigureAwait(false);
        var t = tickers.FirstOrDefault(x => x.Symbol == symbol)
            ?? throw new VenueException(Name, VenueErrorKind.InvalidSymbol, $"{Name}: {symbol} is not listed");
        var contracts = t.OpenInterest ?? throw new VenueException(Name, VenueErrorKind.BadResponse, $"{Name}: tickers sent no openInterest for {symbol}");
        var usd = t.OpenInterestValue ?? (t.MarkPrice is { } m ? contracts * m : 0m);
        return new OpenInterestPoint(time ?? _time.GetUtcNow(), contracts, usd);
    }

    /// <summary>
    /// <c>/v5/market/open-interest</c> in base units of the listing. Bybit sends no USD value, so each point is valued at
    /// the price of the candle of the same period ending at its timestamp (one kline call); 0 when that call fails.
    /// Periods Bybit lacks (2 h, 6 h, 12 h) give an empty list.
    /// </summary>
    public async Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        if (WirePeriod(period) is not { } wire)
        {
            return [];
        }
        var q = new VenueQuery().Add("category", Category).Add("symbol", symbol.Value).Add("intervalTime", wire)
            .AddWindow(query, "startTime", "endTime", 200, _time);
        var body = await _rest.GetAsync(Paths.OpenInterest, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        var points = BybitParsers.ParseOpenInterest(body);
        if (points.Count == 0 || KlineIntervalOf(period) is not { } interval)
        {
            return points;
        }
        try
        {
            var window = new HistoryQuery(points[0].Time - period.ToTimeSpan(), points[^1].Time, points.Count + 1);
            var klines = await GetKlinesAsync(symbol, interval, window, cancellationToken).ConfigureAwait(false);
            return Value(points, klines, period.ToTimeSpan());
        }
        catch (VenueException)
        {
            // The OI itself is the data; its USD value is a convenience (0 = unknown, as for Binance's live OI).
            return points;
        }
    }

    /// <summary>All-account long/short (<c>account-ratio</c>); Bybit publishes no top-trader ratios, so those are empty.</summary>
    public async Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        if (kind != RatioKind.GlobalAccounts || WirePeriod(period) is not { } wire)
        {
            return [];
        }
        var q = new VenueQuery().Add("category", Category).Add("symbol", symbol.Value).Add("period", wire)
            .AddWindow(query, "startTime", "endTime", 500, _time);
        var body = await _rest.GetAsync(Paths.AccountRatio, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        return BybitParsers.ParseAccountRatio(body);
    }

    /// <summary>Bybit has no public taker buy/sell volume series: always empty.</summary>
    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TakerVolumePoint>>([]);

    public async Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken)
    {
        if (WireInterval(interval) is not { } wire)
        {
            return [];
        }
        var q = new VenueQuery().Add("category", Category).Add("symbol", symbol.Value).Add("interval", wire)
            .AddWindow(query, "start", "end", 1000, _time);
        var body = await _rest.GetAsync(Paths.Kline, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        return BybitParsers.ParseKlines(body, interval.ToTimeSpan());
    }

    public async Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken)
    {
        var (tickers, time) = await TickersAsync(Category, null, cancellationToken).ConfigureAwait(false);
        return ToTickers(tickers.Where(t => IsUsdtPerpetualName(t.Symbol)), time ?? _time.GetUtcNow());
    }

    /// <summary>Bybit spot tickers (one call), for the derivatives/spot volume ratio.</summary>
    public async Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken)
    {
        var (tickers, time) = await TickersAsync("spot", null, cancellationToken).ConfigureAwait(false);
        return ToTickers(tickers, time ?? _time.GetUtcNow());
    }

    public void Dispose() => _instruments.Dispose();

    // ------------------------------------------------------------------ helpers

    /// <summary>The instrument list, reused for <paramref name="maxAge"/> (zero: read afresh).</summary>
    private Task<IReadOnlyDictionary<Symbol, BybitInstrument>> InstrumentsAsync(TimeSpan maxAge, CancellationToken cancellationToken) =>
        _instruments.GetAsync(maxAge, async ct =>
        {
            var items = new Dictionary<Symbol, BybitInstrument>();
            string? cursor = null;
            // Bounded: ~600 linear symbols fit in one page of 1000; a venue that keeps paging cannot hold us here.
            for (var page = 0; page < 5; page++)
            {
                var q = new VenueQuery().Add("category", Category).Add("limit", "1000");
                if (cursor is not null)
                {
                    q.Add("cursor", cursor);
                }
                var body = await _rest.GetAsync(Paths.Instruments, q.ToString(), 1, _limiters, ct).ConfigureAwait(false);
                var (list, next) = BybitParsers.ParseInstruments(body);
                foreach (var i in list)
                {
                    items[i.Symbol] = i;
                }
                if (string.IsNullOrEmpty(next) || list.Count == 0)
                {
                    break;
                }
                cursor = next;
            }
            return (IReadOnlyDictionary<Symbol, BybitInstrument>)items;
        }, cancellationToken);

    private async Task<(IReadOnlyList<BybitTicker> Items, DateTimeOffset? Time)> TickersAsync(string category, Symbol? symbol, CancellationToken cancellationToken)
    {
        var q = new VenueQuery().Add("category", category);
        if (symbol is { } s)
        {
            q.Add("symbol", s.Value);
        }
        var body = await _rest.GetAsync(Paths.Tickers, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        return BybitParsers.ParseTickers(body);
    }

    private static List<Ticker24h> ToTickers(IEnumerable<BybitTicker> tickers, DateTimeOffset at) =>
        tickers.Select(t => new Ticker24h(t.Symbol, t.LastPrice, (t.Price24hPcnt ?? 0m) * 100m, t.Volume24h ?? 0m, t.Turnover24h ?? 0m,
            at - TimeSpan.FromDays(1), at)).ToList();

    /// <summary>Values each OI point at the close of the candle ending at its timestamp (or the open of the one starting there).</summary>
    private static List<OpenInterestPoint> Value(IReadOnlyList<OpenInterestPoint> points, IReadOnlyList<Kline> klines, TimeSpan period)
    {
        var closeAt = new Dictionary<DateTimeOffset, decimal>();
        var openAt = new Dictionary<DateTimeOffset, decimal>();
        foreach (var k in klines)
        {
            closeAt[k.OpenTime + period] = k.Close;
            openAt[k.OpenTime] = k.Open;
        }
        return points.Select(p =>
        {
            var price = closeAt.TryGetValue(p.Time, out var c) ? c : openAt.TryGetValue(p.Time, out var o) ? o : 0m;
            return p with { ValueUsd = p.Contracts * price };
        }).ToList();
    }

    private static string BaseOf(BybitInstrument i) =>
        i.BaseCoin.Length > 0 ? i.BaseCoin : i.Symbol.Value.EndsWith("USDT", StringComparison.Ordinal) ? i.Symbol.Value[..^4] : i.Symbol.Value;

    /// <summary>Linear tickers also list USDC perpetuals (<c>BTCPERP</c>) and dated futures (<c>BTCUSDT-26DEC25</c>).</summary>
    private static bool IsUsdtPerpetualName(Symbol symbol) =>
        symbol.Value.EndsWith("USDT", StringComparison.Ordinal) && !symbol.Value.Contains('-', StringComparison.Ordinal);

    /// <summary>Bybit's <c>intervalTime</c>/<c>period</c> values; 2 h, 6 h and 12 h do not exist there.</summary>
    internal static string? WirePeriod(DataPeriod period) => period switch
    {
        DataPeriod.M5 => "5min",
        DataPeriod.M15 => "15min",
        DataPeriod.M30 => "30min",
        DataPeriod.H1 => "1h",
        DataPeriod.H4 => "4h",
        DataPeriod.D1 => "1d",
        _ => null,
    };

    /// <summary>Bybit kline intervals in minutes (or D); there is no 8 h candle.</summary>
    internal static string? WireInterval(KlineInterval interval) => interval switch
    {
        KlineInterval.M1 => "1",
        KlineInterval.M3 => "3",
        KlineInterval.M5 => "5",
        KlineInterval.M15 => "15",
        KlineInterval.M30 => "30",
        KlineInterval.H1 => "60",
        KlineInterval.H2 => "120",
        KlineInterval.H4 => "240",
        KlineInterval.H6 => "360",
        KlineInterval.H12 => "720",
        KlineInterval.D1 => "D",
        _ => null,
    };

    private static KlineInterval? KlineIntervalOf(DataPeriod period) => period switch
    {
        DataPeriod.M5 => KlineInterval.M5,
        DataPeriod.M15 => KlineInterval.M15,
        DataPeriod.M30 => KlineInterval.M30,
        DataPeriod.H1 => KlineInterval.H1,
        DataPeriod.H4 => KlineInterval.H4,
        DataPeriod.D1 => KlineInterval.D1,
        _ => null,
    };


    internal static class Paths
    {
        public const string Instruments = "/v5/market/instruments-info";
        public const string Tickers = "/v5/market/tickers";
        public const string FundingHistory = "/v5/market/funding/history";
        public const string OpenInterest = "/v5/market/open-interest";
        public const string AccountRatio = "/v5/market/account-ratio";
        public const string Kline = "/v5/market/kline";
    }

    /// <summary>Bybit's error conventions for <see cref="VenueRestClient"/>.</summary>
    private sealed class BybitProtocol : IVenueProtocol
    {
        public TimeSpan DefaultRateLimitPause => IpWindow;

        public VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path, int status) => BybitParsers.EnvelopeError(body, path);

        public VenueException? StatusError(int status, ReadOnlySpan<byte> body, string path, TimeSpan? retryAfter)
        {
            if (status != 403)
            {
                return null;
            }
            var text = System.Text.Encoding.UTF8.GetString(body);
            if (text.Contains("country", StringComparison.OrdinalIgnoreCase) || text.Contains("region", StringComparison.OrdinalIgnoreCase))
            {
                // Bybit's CDN answers 403 "configured to block access from your country": a geo block, not a ban.
                return new VenueException(VenueIds.Bybit, VenueErrorKind.RegionBlocked,
                    $"{VenueIds.Bybit}: the API refuses requests from this location (HTTP 403); configure a proxy or another base URL")
                {
                    HttpStatus = status,
                };
            }
            var ban = retryAfter is { } r && r > TimeSpan.Zero ? r : DefaultBan;
            return new VenueException(VenueIds.Bybit, VenueErrorKind.Banned,
                $"{VenueIds.Bybit}: the API banned this IP for too many requests (HTTP 403 on {path}); nothing is sent for another {Math.Ceiling(ban.TotalSeconds)} s")
            {
                HttpStatus = status,
                RetryAfter = ban,
            };
        }
    }
}
