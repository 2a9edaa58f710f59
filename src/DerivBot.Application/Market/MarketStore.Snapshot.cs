using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Market;

// Snapshot building: one consistent, immutable view of a symbol for readers.
public sealed partial class MarketStore
{
    private MarketSnapshot BuildSnapshot(SymbolState state)
    {
        var symbol = state.Symbol;
        _contracts.TryGetValue(symbol, out var contract);
        _premiums.TryGetValue(symbol, out var premium);
        var hasPremium = _premiums.ContainsKey(symbol);
        var interval = _fundingIntervals.TryGetValue(symbol, out var h) ? h : 8;
        _futuresTickers.TryGetValue(symbol, out var futuresTicker);
        var (spotBase, multiplier) = SymbolResolver.SpotBaseOf(contract?.BaseAsset ?? BaseOf(symbol));
        _spotTickers.TryGetValue(new Symbol(spotBase + (contract?.QuoteAsset ?? "USDT")), out var spotTicker);
        var now = _time.GetUtcNow();

        Liquidation[] liquidations = [];
        if (_liquidations.TryGetValue(symbol, out var book))
        {
            lock (book.Gate)
            {
                liquidations = book.Snapshot(SymbolSeries.Ms(now - _options.LiquidationRetention));
            }
        }

        lock (state.Gate)
        {
            var s = state.Series;
            var live = state.LiveOpenInterest;
            var dataTime = Max(hasPremium ? premium.Time : null, live?.Time) ?? state.LastSuccess ?? now;
            return new MarketSnapshot
            {
                Venue = _venue.Name,
                Symbol = symbol,
                Contract = contract,
                Premium = hasPremium ? premium : null,
                FundingIntervalHours = interval,
                FundingHistory = s.FundingPoints(),
                PredictedFunding = s.PredictedPoints(),
                OpenInterest = s.OpenInterestPoints(live),
                GlobalAccountRatio = SymbolSeries.RatioPoints(s.GlobalAccounts),
                TopAccountRatio = SymbolSeries.RatioPoints(s.TopAccounts),
                TopPositionRatio = SymbolSeries.RatioPoints(s.TopPositions),
                TakerVolume = s.TakerPoints(),
                Klines = s.KlinePoints(),
                KlineInterval = _options.KlineInterval,
                Liquidations = liquidations,
                FuturesTicker = futuresTicker,
                SpotTicker = spotTicker,
                SpotMultiplier = multiplier,
                DataTime = dataTime,
                RefreshInterval = _options.RefreshInterval,
                RefreshFailed = state.RefreshFailed,
            };
        }

        static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
    }

    private static string BaseOf(Symbol symbol) =>
        symbol.Value.EndsWith("USDT", StringComparison.Ordinal) ? symbol.Value[..^4] : symbol.Value;
}
