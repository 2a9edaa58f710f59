using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Market;

// First load (backfill) of a symbol and the paged history reads that refreshes reuse.
public sealed partial class MarketStore
{
    private async Task LoadSymbolAsync(SymbolState state, VenueCallRecorder? recorder, CancellationToken ct)
    {
        recorder ??= new VenueCallRecorder();
        // Callers store the returned task under the symbol's lock; yielding first guarantees that happens before this
        // method's own completion (which clears it under the same lock), even when the venue fails synchronously.
        await Task.Yield();
        try
        {
            var symbol = state.Symbol;
            await LoadMetadataAsync(force: false, recorder, ct).ConfigureAwait(false);
            if (_contracts.Count > 0 && !_contracts.ContainsKey(symbol))
            {
                throw new VenueException(_venue.Name, VenueErrorKind.InvalidSymbol, $"{symbol} is not a trading perpetual on {_venue.Name}.");
            }
            if (!_premiums.ContainsKey(symbol))
            {
                foreach (var p in await recorder.Run("premiumIndex", null, () => _venue.GetPremiumIndexAsync(ct)).ConfigureAwait(false))
                {
                    _premiums.AddOrUpdate(p.Symbol, static (_, arg) => arg, static (_, old, arg) => arg.Time >= old.Time ? arg : old, p);
                }
            }
            if (!_tickersLoaded)
            {
                await LoadTickersAsync(recorder, ct).ConfigureAwait(false);
            }

            var now = _time.GetUtcNow();
            // Backfill into a private series first so readers never see a half-loaded symbol.
            var series = new SymbolSeries(_options);
            await FetchAllSeriesAsync(symbol, series, now, statistics: true, klines: true, funding: true, recorder, ct).ConfigureAwait(false);
            var live = await FetchLiveOpenInterestAsync(symbol, recorder, ct).ConfigureAwait(false);

            lock (state.Gate)
            {
                CopyInto(series, state.Series);
                if (_premiums.TryGetValue(symbol, out var premium))
                {
                    state.Series.AddPredicted(premium, _options.PredictedSampleInterval);
                }
                state.LiveOpenInterest = live;
                state.StatisticsFetchedAt = now;
                state.KlinesFetchedAt = now;
                state.FundingFetchedAt = now;
                state.LastSuccess = now;
                state.RefreshFailed = false;
                state.Loaded = true;
                state.LoadTask = null;
            }
            _logger.LogInformation("Loaded {Symbol} from {Venue} with {Calls} calls", symbol, _venue.Name, recorder.Calls.Count);
        }
        catch (Exception ex)
        {
            if (ex is VenueException venueError)
            {
                NoteBackoff(venueError, _time.GetUtcNow());
            }
            lock (state.Gate)
            {
                // Let the next reader or cycle try again instead of caching the failure.
                state.LoadTask = null;
            }
            throw;
        }
    }

    private sealed record SinceMarks(long? Funding, long? OpenInterest, long? Global, long? TopAccounts, long? TopPositions, long? Taker, long? Klines);

    private static SinceMarks SinceTimes(SymbolState state)
    {
        lock (state.Gate)
        {
            var s = state.Series;
            return new SinceMarks(s.Funding.LastTime, s.OpenInterest.LastTime, s.GlobalAccounts.LastTime, s.TopAccounts.LastTime,
                s.TopPositions.LastTime, s.Taker.LastTime, s.Klines.LastTime);
        }
    }

    private async Task FetchAllSeriesAsync(
        Symbol symbol, SymbolSeries into, DateTimeOffset now, bool statistics, bool klines, bool funding,
        VenueCallRecorder recorder, CancellationToken ct, SinceMarks? since = null)
    {
        var depth = now - _options.HistoryDepth;
        var period = _options.StatisticsPeriod;
        if (funding)
        {
            var from = Start(since?.Funding, now - _options.FundingHistoryDepth);
            await HistoryPager.PageAsync("fundingRate", symbol, from, now, 1000,
                q => _venue.GetFundingHistoryAsync(symbol, q, ct), p => p.Time, into.AddFunding, recorder).ConfigureAwait(false);
        }
        if (statistics)
        {
            await HistoryPager.PageAsync("openInterestHist", symbol, Start(since?.OpenInterest, depth), now, 500,
                q => _venue.GetOpenInterestHistoryAsync(symbol, period, q, ct), p => p.Time, into.AddOpenInterest, recorder).ConfigureAwait(false);
            foreach (var kind in new[] { RatioKind.GlobalAccounts, RatioKind.TopTraderAccounts, RatioKind.TopTraderPositions })
            {
                var mark = kind switch
                {
                    RatioKind.GlobalAccounts => since?.Global,
                    RatioKind.TopTraderAccounts => since?.TopAccounts,
                    _ => since?.TopPositions,
                };
                var ring = into.Ratios(kind);
                await HistoryPager.PageAsync(RatioEndpoint(kind), symbol, Start(mark, depth), now, 500,
                    q => _venue.GetLongShortRatioAsync(symbol, kind, period, q, ct), p => p.Time, p => SymbolSeries.AddRatio(ring, p), recorder).ConfigureAwait(false);
            }
            await HistoryPager.PageAsync("takerlongshortRatio", symbol, Start(since?.Taker, depth), now, 500,
                q => _venue.GetTakerVolumeAsync(symbol, period, q, ct), p => p.Time, into.AddTaker, recorder).ConfigureAwait(false);
        }
        if (klines)
        {
            await HistoryPager.PageAsync("klines", symbol, Start(since?.Klines, depth), now, 1500,
                q => _venue.GetKlinesAsync(symbol, _options.KlineInterval, q, ct), k => k.OpenTime, into.AddKline, recorder).ConfigureAwait(false);
        }

        // Resume from the newest point held (inclusive: the venue may have revised it, e.g. an open kline).
        static DateTimeOffset Start(long? lastMs, DateTimeOffset fallback) =>
            lastMs is { } ms ? SymbolSeries.Time(ms) : fallback;
    }

    private static string RatioEndpoint(RatioKind kind) => kind switch
    {
        RatioKind.GlobalAccounts => "globalLongShortAccountRatio",
        RatioKind.TopTraderAccounts => "topLongShortAccountRatio",
        _ => "topLongShortPositionRatio",
    };

    private async Task<OpenInterestPoint?> FetchLiveOpenInterestAsync(Symbol symbol, VenueCallRecorder recorder, CancellationToken ct)
    {
        var oi = await recorder.Run("openInterest", symbol, () => _venue.GetOpenInterestAsync(symbol, ct)).ConfigureAwait(false);
        if (oi.ValueUsd == 0m && _premiums.TryGetValue(symbol, out var p))
        {
            // The live endpoint sends contracts only; value them at the latest mark price.
            oi = oi with { ValueUsd = oi.Contracts * p.MarkPrice };
        }
        return oi;
    }

    private static void CopyInto(SymbolSeries from, SymbolSeries to)
    {
        Copy(from.Predicted, to.Predicted);
        Copy(from.Funding, to.Funding);
        Copy(from.OpenInterest, to.OpenInterest);
        Copy(from.GlobalAccounts, to.GlobalAccounts);
        Copy(from.TopAccounts, to.TopAccounts);
        Copy(from.TopPositions, to.TopPositions);
        Copy(from.Taker, to.Taker);
        Copy(from.Klines, to.Klines);

        static void Copy(SeriesRing a, SeriesRing b)
        {
            Span<decimal> values = stackalloc decimal[a.Width];
            for (var i = 0; i < a.Count; i++)
            {
                for (var f = 0; f < values.Length; f++)
                {
                    values[f] = a.ValueAt(i, f);
                }
                b.Add(a.TimeAt(i), values);
            }
        }
    }
}
