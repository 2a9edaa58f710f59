using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Tests.Market;

/// <summary>
/// A hand-written fake venue: serves deterministic, regular 5-minute data "as of" its clock (nothing after now),
/// honours start/limit like Binance, counts every call per endpoint, and can be told to fail.
/// </summary>
internal sealed class CountingVenue(TimeProvider time, params string[] symbols) : IMarketDataVenue
{
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly Symbol[] _symbols = symbols.Select(s => new Symbol(s)).ToArray();

    public string Name => "fake";

    /// <summary>When set, every call throws it (after being counted).</summary>
    public VenueException? FailWith { get; set; }

    public int TotalCalls => _calls.Values.Sum();

    public int Calls(string endpoint) => _calls.TryGetValue(endpoint, out var n) ? n : 0;

    public IReadOnlyDictionary<string, int> CallsByEndpoint => new Dictionary<string, int>(_calls);

    public void ResetCounts() => _calls.Clear();

    private void Count(string endpoint)
    {
        _calls.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        if (FailWith is { } ex)
        {
            throw ex;
        }
    }

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    /// <summary>A deterministic price for a symbol at an instant (varies with time so tests can tell points apart).</summary>
    public static decimal PriceAt(Symbol symbol, DateTimeOffset t) =>
        100m + symbol.Value.Length + (t.ToUnixTimeSeconds() / 300 % 1000) / 100m;

    private IReadOnlyList<DateTimeOffset> Grid(HistoryQuery q, int defaultLimit, int maxLimit, TimeSpan step)
    {
        var now = time.GetUtcNow();
        var limit = Math.Min(q.Limit ?? defaultLimit, maxLimit);
        var endCap = q.End is { } e && e < now ? e : now;
        var lastSlot = new DateTimeOffset(endCap.UtcTicks - endCap.UtcTicks % step.Ticks, TimeSpan.Zero);
        var result = new List<DateTimeOffset>();
        if (q.Start is { } s)
        {
            var first = new DateTimeOffset((s.UtcTicks + step.Ticks - 1) / step.Ticks * step.Ticks, TimeSpan.Zero);
            for (var t = first; t <= lastSlot && result.Count < limit; t += step)
            {
                result.Add(t);
            }
            return result;
        }
        for (var i = limit - 1; i >= 0; i--)
        {
            result.Add(lastSlot - step * i);
        }
        return result;
    }

    private void CheckSymbol(Symbol symbol)
    {
        if (!_symbols.Contains(symbol))
        {
            throw new VenueException(Name, VenueErrorKind.InvalidSymbol, "Invalid symbol.") { VendorCode = -1121, HttpStatus = 400 };
        }
    }

    public Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken)
    {
        Count("exchangeInfo");
        return Task.FromResult<IReadOnlyList<PerpetualContract>>(_symbols
            .Select(s => new PerpetualContract(s, s.Value[..^4], "USDT", "PERPETUAL", "TRADING", 2.5m, DateTimeOffset.UnixEpoch))
            .ToList());
    }

    public Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken)
    {
        Count("premiumIndex");
        var now = time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<PremiumIndex>>(_symbols
            .Select(s => new PremiumIndex(s, PriceAt(s, now), PriceAt(s, now) - 0.01m, 0m, 0.0001m, 0.0001m, now.AddHours(1), now))
            .ToList());
    }

    public Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken)
    {
        Count("fundingRate");
        CheckSymbol(symbol);
        return Task.FromResult<IReadOnlyList<FundingRatePoint>>(Grid(query, 100, 1000, TimeSpan.FromHours(8))
            .Select(t => new FundingRatePoint(t, 0.0001m, PriceAt(symbol, t))).ToList());
    }

    public Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken)
    {
        Count("fundingInfo");
        return Task.FromResult<IReadOnlyList<FundingInfoEntry>>(
            _symbols.Take(1).Select(s => new FundingInfoEntry(s, 4, 0.02m, -0.02m)).ToList());
    }

    public Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        Count("openInterest");
        CheckSymbol(symbol);
        return Task.FromResult(new OpenInterestPoint(time.GetUtcNow(), 1234.567m, 0m));
    }

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        Count("openInterestHist");
        CheckSymbol(symbol);
        return Task.FromResult<IReadOnlyList<OpenInterestPoint>>(Grid(query, 30, 500, Step)
            .Select(t => new OpenInterestPoint(t, 1000m + t.Minute, (1000m + t.Minute) * PriceAt(symbol, t))).ToList());
    }

    public Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        Count(kind.ToString());
        CheckSymbol(symbol);
        return Task.FromResult<IReadOnlyList<RatioPoint>>(Grid(query, 30, 500, Step)
            .Select(t => new RatioPoint(t, 1.8105m, 0.6442m, 0.3558m)).ToList());
    }

    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        Count("takerlongshortRatio");
        CheckSymbol(symbol);
        return Task.FromResult<IReadOnlyList<TakerVolumePoint>>(Grid(query, 30, 500, Step)
            .Select(t => new TakerVolumePoint(t, 1.5586m, 387.33m, 248.503m)).ToList());
    }

    public Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken)
    {
        Count("klines");
        CheckSymbol(symbol);
        return Task.FromResult<IReadOnlyList<Kline>>(Grid(query, 500, 1500, interval.ToTimeSpan())
            .Select(t =>
            {
                var p = PriceAt(symbol, t);
                return new Kline(t, p, p + 1m, p - 1m, p + 0.5m, 10.5m, t + interval.ToTimeSpan() - TimeSpan.FromMilliseconds(1), 10.5m * p, 42, 5.25m, 5.25m * p);
            }).ToList());
    }

    public Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken)
    {
        Count("ticker24h");
        var now = time.GetUtcNow();
        // Volume falls with the symbol's position so "top N by volume" is deterministic: the first symbols are largest.
        return Task.FromResult<IReadOnlyList<Ticker24h>>(_symbols
            .Select((s, i) => new Ticker24h(s, PriceAt(s, now), 1.5m, 1000m, 1_000_000m - i, now.AddDays(-1), now))
            .ToList());
    }

    public Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken)
    {
        Count("spotTicker24h");
        var now = time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<Ticker24h>>(_symbols
            .Select(s => new Ticker24h(new Symbol(SymbolResolver.SpotBaseOf(s.Value[..^4]).SpotBase + "USDT"), PriceAt(s, now), 1.5m, 500m, 250_000m, now.AddDays(-1), now))
            .ToList());
    }
}
