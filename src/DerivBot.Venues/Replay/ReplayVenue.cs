using System.Globalization;
using System.Text;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Binance;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Replay;

/// <summary>
/// Binance USDⓈ-M as it was during the shipped scenario, "as of" the injected clock's now: every history endpoint
/// returns only rows at or before now (klines: only completed candles), with Binance's start/end/limit rules and
/// limits; premium index, open interest and tickers are the values at now; the stream pushes mark-price batches and
/// the recorded liquidation frames as replay time passes. Data is parsed through <see cref="BinanceParsers"/>.
/// Named <c>replay:binance</c> so every report footer says the data is a replay.
/// </summary>
public sealed class ReplayVenue : IMarketDataVenue, IMarketStream
{
    public const string VenueName = "replay:binance";

    /// <summary>Spot volume as a share of futures volume for the derived spot tickers (Binance BTC spot/perp is roughly 1:3).</summary>
    internal const decimal SpotVolumeShare = 0.35m;

    private readonly TimeProvider _time;
    private readonly ReplayOptions _options;
    private readonly ReplayData _data;

    public ReplayVenue(TimeProvider time, IOptions<ReplayOptions> options)
        : this(time, options.Value, ReplayData.Default)
    {
    }

    internal ReplayVenue(TimeProvider time, ReplayOptions options, ReplayData data)
    {
        _time = time;
        _options = options;
        _data = data;
    }

    public string Name => VenueName;

    public ReplayScenario Scenario => _data.Scenario;

    private DateTimeOffset Now => _time.GetUtcNow();

    public Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<PerpetualContract>>(_data.Symbols.Values.Select(s => s.Contract).ToList());
    }

    public Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = Now;
        var result = new List<PremiumIndex>(_data.Symbols.Count);
        foreach (var s in _data.Symbols.Values)
        {
            if (PremiumAt(s, now) is { } p)
            {
                result.Add(p);
            }
        }
        return Task.FromResult<IReadOnlyList<PremiumIndex>>(result);
    }

    public Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Get(symbol).Funding.Query(query, Now, 100, 1000));
    }

    public Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_data.FundingInfo);
    }

    public Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(symbol);
        var now = Now;
        if (!data.OpenInterest.TryLatest(now.ToUnixTimeMilliseconds(), out var latest) || PremiumAt(data, now) is not { } premium)
        {
            throw BeforeStart(now);
        }
        // Same shape as the live endpoint: contracts now, valued at the current mark price.
        return Task.FromResult(new OpenInterestPoint(now, latest.Contracts, latest.Contracts * premium.MarkPrice));
    }

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Aggregate(Get(symbol).OpenInterest.Query(Widen(query, period), Now, 30 * Factor(period), 500 * Factor(period)), period, o => o.Time, query, 30, 500));
    }

    public Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(symbol);
        var series = kind switch
        {
            RatioKind.GlobalAccounts => data.GlobalAccounts,
            RatioKind.TopTraderAccounts => data.TopAccounts,
            RatioKind.TopTraderPositions => data.TopPositions,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return Task.FromResult(Aggregate(series.Query(Widen(query, period), Now, 30 * Factor(period), 500 * Factor(period)), period, r => r.Time, query, 30, 500));
    }

    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = Get(symbol).Taker.Query(Widen(query, period), Now, 30 * Factor(period), 500 * Factor(period));
        if (period == DataPeriod.M5)
        {
            return Task.FromResult(rows);
        }
        // Coarser periods sum the 5-minute volumes of the period that ends at each row's time.
        var step = (long)period.ToTimeSpan().TotalMilliseconds;
        var summed = rows
            .GroupBy(r => (r.Time.ToUnixTimeMilliseconds() + step - 1) / step * step)
            .Where(g => g.Count() == Factor(period))
            .Select(g =>
            {
                var buy = g.Sum(r => r.BuyVolume);
                var sell = g.Sum(r => r.SellVolume);
                return new TakerVolumePoint(DateTimeOffset.FromUnixTimeMilliseconds(g.Key), sell == 0 ? 0 : Math.Round(buy / sell, 4), buy, sell);
            })
            .ToList();
        return Task.FromResult(Trim(summed, query, 30, 500));
    }

    public Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(symbol);
        var span = interval.ToTimeSpan();
        if (span < TimeSpan.FromMinutes(5))
        {
            throw new VenueException(Name, VenueErrorKind.BadResponse,
                $"The replay scenario has 5-minute candles; {interval.ToWire()} is not available.");
        }
        var factor = (int)(span / TimeSpan.FromMinutes(5));
        // Only completed candles: the open one would reveal prices after now. Coarser candles are merged from complete
        // 5-minute candles and kept only when all of theirs are complete.
        var asOf = Now - TimeSpan.FromMinutes(5);
        var widened = query with { Limit = (query.Limit ?? 500) * factor, Start = query.Start, End = query.End };
        var rows = data.Klines.Query(widened, asOf, 500 * factor, 1500 * factor);
        if (factor == 1)
        {
            return Task.FromResult<IReadOnlyList<Kline>>(Trim(rows, query, 500, 1500));
        }
        var step = span.Ticks;
        var merged = rows
            .GroupBy(k => k.OpenTime.UtcTicks / step * step)
            .Where(g => g.Count() == factor)
            .Select(g => new Kline(
                new DateTimeOffset(g.Key, TimeSpan.Zero), g.First().Open, g.Max(k => k.High), g.Min(k => k.Low), g.Last().Close,
                g.Sum(k => k.Volume), new DateTimeOffset(g.Key, TimeSpan.Zero) + span - TimeSpan.FromMilliseconds(1),
                g.Sum(k => k.QuoteVolume), g.Sum(k => k.Trades), g.Sum(k => k.TakerBuyVolume), g.Sum(k => k.TakerBuyQuoteVolume)))
            .ToList();
        return Task.FromResult(Trim(merged, query, 500, 1500));
    }

    public Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = Now;
        var result = new List<Ticker24h>();
        foreach (var s in _data.Symbols.Values)
        {
            if (TickerAt(s, now) is { } t)
            {
                result.Add(t);
            }
        }
        return Task.FromResult<IReadOnlyList<Ticker24h>>(result);
    }

    public Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = Now;
        var result = new List<Ticker24h>();
        foreach (var s in _data.Symbols.Values)
        {
            if (TickerAt(s, now) is not { } futures)
            {
                continue;
            }
            // Spot is derived from the futures candles: PEPEUSDT = 1000PEPEUSDT / 1000 with 1000× the units.
            var (spotBase, multiplier) = SymbolResolver.SpotBaseOf(s.Contract.BaseAsset);
            result.Add(futures with
            {
                Symbol = new Symbol(spotBase + s.Contract.QuoteAsset),
                LastPrice = futures.LastPrice / multiplier,
                Volume = Math.Round(futures.Volume * multiplier * SpotVolumeShare, 8),
                QuoteVolume = Math.Round(futures.QuoteVolume * SpotVolumeShare, 8),
            });
        }
        return Task.FromResult<IReadOnlyList<Ticker24h>>(result);
    }

    /// <summary>
    /// Plays the scenario's stream from now on: a <c>!markPrice@arr@1s</c> batch for every symbol at each step and
    /// every recorded <c>!forceOrder@arr</c> frame once its time has passed. Returns when cancelled.
    /// </summary>
    public async Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.OnStatus(new StreamStatus(StreamState.Connected, Now, "replaying " + _data.Scenario.Name));
        var emittedUpTo = (Now - _options.StreamBacklog).ToUnixTimeMilliseconds();
        var next = FirstFrameAfter(emittedUpTo);
        var others = _data.OtherVenueLiquidations;
        var nextOther = FirstOtherAfter(others, emittedUpTo);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = Now;
                var nowMs = now.ToUnixTimeMilliseconds();
                // Binance frames and the derived Bybit / OKX events of the same cascade (tools/scenario, read by ReplayData.LoadOtherVenues;
                // tagged with their venue), merged in time order as one stream would deliver them.
                while (true)
                {
                    var binanceDue = next < _data.LiquidationTimes.Length && _data.LiquidationTimes[next] <= nowMs;
                    var otherMs = nextOther < others.Length ? others[nextOther].Time.ToUnixTimeMilliseconds() : long.MaxValue;
                    var otherDue = otherMs <= nowMs;
                    if (binanceDue && (!otherDue || _data.LiquidationTimes[next] <= otherMs))
                    {
                        BinanceParsers.ParseStreamFrame(_data.LiquidationFrames[next], handler);
                        next++;
                    }
                    else if (otherDue)
                    {
                        handler.OnLiquidation(others[nextOther]);
                        nextOther++;
                    }
                    else
                    {
                        break;
                    }
                }
                if (MarkPriceFrame(now) is { } frame)
                {
                    BinanceParsers.ParseStreamFrame(frame, handler);
                }
                await Task.Delay(_options.StreamStep, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        handler.OnStatus(new StreamStatus(StreamState.Disconnected, Now, "replay stopped"));
    }

    /// <summary>A combined-stream mark-price frame for all symbols at <paramref name="now"/>, in Binance's wire format.</summary>
    internal byte[]? MarkPriceFrame(DateTimeOffset now)
    {
        var sb = new StringBuilder("{\"stream\":\"!markPrice@arr@1s\",\"data\":[");
        var any = false;
        var e = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var s in _data.Symbols.Values)
        {
            if (PremiumAt(s, now) is not { } p)
            {
                continue;
            }
            if (any)
            {
                sb.Append(',');
            }
            any = true;
            sb.Append("{\"e\":\"markPriceUpdate\",\"E\":").Append(e).Append(",\"s\":\"").Append(p.Symbol.Value)
              .Append("\",\"p\":\"").Append(p.MarkPrice.ToString(CultureInfo.InvariantCulture))
              .Append("\",\"i\":\"").Append(p.IndexPrice.ToString(CultureInfo.InvariantCulture))
              .Append("\",\"P\":\"").Append(p.EstimatedSettlePrice.ToString(CultureInfo.InvariantCulture))
              .Append("\",\"r\":\"").Append(p.FundingRate.ToString(CultureInfo.InvariantCulture))
              .Append("\",\"T\":").Append(p.NextFundingTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('}');
        }
        sb.Append("]}");
        return any ? Encoding.UTF8.GetBytes(sb.ToString()) : null;
    }

    private static int FirstOtherAfter(Liquidation[] others, long ms)
    {
        var i = 0;
        while (i < others.Length && others[i].Time.ToUnixTimeMilliseconds() <= ms)
        {
            i++;
        }
        return i;
    }

    private int FirstFrameAfter(long ms)
    {
        var i = Array.BinarySearch(_data.LiquidationTimes, ms + 1);
        if (i < 0)
        {
            return ~i;
        }
        while (i > 0 && _data.LiquidationTimes[i - 1] > ms)
        {
            i--;
        }
        return i;
    }

    /// <summary>The latest 5-minute sample's values, stamped now (the venue produces the value now, as Binance would).</summary>
    private static PremiumIndex? PremiumAt(ReplaySymbolData data, DateTimeOffset now) =>
        data.Premium.TryLatest(now.ToUnixTimeMilliseconds(), out var p) ? p with { Time = now } : null;

    private static Ticker24h? TickerAt(ReplaySymbolData data, DateTimeOffset now)
    {
        if (PremiumAt(data, now) is not { } premium)
        {
            return null;
        }
        // Rolling 24 h over the completed candles.
        var candles = data.Klines.Query(new HistoryQuery(now - TimeSpan.FromDays(1), null, 288), now - TimeSpan.FromMinutes(5), 288, 288);
        if (candles.Count == 0)
        {
            return new Ticker24h(data.Contract.Symbol, premium.MarkPrice, 0m, 0m, 0m, now - TimeSpan.FromDays(1), now);
        }
        var open = candles[0].Open;
        var change = open == 0 ? 0m : Math.Round((premium.MarkPrice - open) / open * 100m, 3);
        return new Ticker24h(
            data.Contract.Symbol, premium.MarkPrice, change, candles.Sum(k => k.Volume), candles.Sum(k => k.QuoteVolume),
            candles[0].OpenTime, now);
    }

    private ReplaySymbolData Get(Symbol symbol) =>
        _data.Symbols.TryGetValue(symbol, out var data)
            ? data
            : throw new VenueException(Name, VenueErrorKind.InvalidSymbol, $"Invalid symbol. The replay scenario has {string.Join(", ", _data.Symbols.Keys)}.")
            {
                HttpStatus = 400,
                VendorCode = -1121,
            };

    private VenueException BeforeStart(DateTimeOffset now) =>
        new(Name, VenueErrorKind.BadResponse,
            $"The replay scenario starts at {_data.Scenario.Start:yyyy-MM-dd HH:mm} UTC; there is no data at {now:yyyy-MM-dd HH:mm} UTC.");

    private static int Factor(DataPeriod period) => Math.Max(1, (int)(period.ToTimeSpan() / TimeSpan.FromMinutes(5)));

    /// <summary>For coarser periods, read enough 5-minute rows to cover the requested number of coarse rows.</summary>
    private static HistoryQuery Widen(HistoryQuery query, DataPeriod period) =>
        query with { Limit = (query.Limit ?? 30) * Factor(period) };

    /// <summary>Point-in-time statistics (open interest, ratios) at a coarser period: the 5-minute rows on its grid.</summary>
    private static IReadOnlyList<T> Aggregate<T>(IReadOnlyList<T> rows, DataPeriod period, Func<T, DateTimeOffset> timeOf, HistoryQuery query, int defaultLimit, int maxLimit)
    {
        if (period == DataPeriod.M5)
        {
            return rows;
        }
        var step = period.ToTimeSpan().Ticks;
        return Trim(rows.Where(r => timeOf(r).UtcTicks % step == 0).ToList(), query, defaultLimit, maxLimit);
    }

    /// <summary>Applies the caller's limit after aggregation: first rows from a start, otherwise the latest.</summary>
    private static IReadOnlyList<T> Trim<T>(IReadOnlyList<T> rows, HistoryQuery query, int defaultLimit, int maxLimit)
    {
        var limit = Math.Clamp(query.Limit ?? defaultLimit, 1, maxLimit);
        if (rows.Count <= limit)
        {
            return rows;
        }
        return query.Start is not null ? rows.Take(limit).ToList() : rows.Skip(rows.Count - limit).ToList();
    }
}
