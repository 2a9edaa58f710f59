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
public sealed partial class ReplayVenue : IMarketDataVenue, IMarketStream
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
}
