using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Bybit;

// IMarketDataVenue, current values: contracts, premium index, funding intervals, open interest, 24 h tickers.
public sealed partial class BybitVenue
{
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
}
