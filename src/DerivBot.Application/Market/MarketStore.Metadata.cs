using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Market;

// Venue-wide metadata: the perpetual universe, funding intervals and 24 h tickers, cached between refreshes.
public sealed partial class MarketStore
{
    private readonly SemaphoreSlim _metadataGate = new(1, 1);
    private IReadOnlyList<PerpetualContract>? _universe;
    private Dictionary<Symbol, PerpetualContract> _contracts = [];
    private DateTimeOffset _universeAt;
    private Dictionary<Symbol, int> _fundingIntervals = [];
    private DateTimeOffset? _fundingInfoAt;
    private Dictionary<Symbol, Ticker24h> _futuresTickers = [];
    private Dictionary<Symbol, Ticker24h> _spotTickers = [];
    private bool _tickersLoaded;

    private async Task LoadTickersAsync(VenueCallRecorder recorder, CancellationToken ct)
    {
        var futures = await recorder.Run("ticker24h", null, () => _venue.GetFuturesTickersAsync(ct)).ConfigureAwait(false);
        var spot = await recorder.Run("spotTicker24h", null, () => _venue.GetSpotTickersAsync(ct)).ConfigureAwait(false);
        _futuresTickers = ToMap(futures);
        _spotTickers = ToMap(spot);
        _tickersLoaded = true;

        static Dictionary<Symbol, Ticker24h> ToMap(IReadOnlyList<Ticker24h> tickers)
        {
            var map = new Dictionary<Symbol, Ticker24h>(tickers.Count);
            foreach (var t in tickers)
            {
                map[t.Symbol] = t;
            }
            return map;
        }
    }

    /// <summary>exchangeInfo + fundingInfo; single flight so parallel first loads don't each call them.</summary>
    private async Task LoadMetadataAsync(bool force, VenueCallRecorder? recorder, CancellationToken ct)
    {
        await _metadataGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!force && _universe is not null && _fundingInfoAt is not null)
            {
                return;
            }
            recorder ??= new VenueCallRecorder();
            var now = _time.GetUtcNow();
            var universe = await recorder.Run("exchangeInfo", null, () => _venue.GetPerpetualsAsync(ct)).ConfigureAwait(false);
            var info = await recorder.Run("fundingInfo", null, () => _venue.GetFundingInfoAsync(ct)).ConfigureAwait(false);
            _contracts = universe.GroupBy(c => c.Symbol).ToDictionary(g => g.Key, g => g.First());
            _fundingIntervals = info.GroupBy(i => i.Symbol).ToDictionary(g => g.Key, g => g.First().IntervalHours);
            _universe = universe;
            _universeAt = now;
            _fundingInfoAt = now;
        }
        finally
        {
            _metadataGate.Release();
        }
    }
}
