using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues;

/// <summary>
/// The <see cref="IMarketDataVenue"/> the market store consumes in Live mode: the enabled venues of <c>Venues:Primary</c>,
/// in order. Every call goes to the current venue; a <see cref="VenueErrorKind.RegionBlocked"/> (HTTP 451) retires that
/// venue for the life of the process — logged once, in plain words ("Binance refuses this region (HTTP 451); using
/// Bybit, OKX") — and the same call is answered by the next one. Any other failure (timeouts, 5xx, 429, bans) surfaces
/// as it always did and never moves the primary: those pass, a region block does not.
/// <para>Cache coherence: the decision happens on the first call (a region block answers the very first request), before
/// the market store has cached anything from that venue; the primary changes again only on another 451.</para>
/// </summary>
public sealed class PrimaryVenueSelector : IMarketDataVenue
{
    private readonly IReadOnlyList<IMarketDataVenue> _candidates;
    private readonly ILogger<PrimaryVenueSelector> _logger;
    private readonly object _gate = new();
    private readonly bool[] _reported;
    private int _current;

    /// <param name="candidates">Enabled primary-capable venues in <c>Venues:Primary</c> order (at least one).</param>
    public PrimaryVenueSelector(IReadOnlyList<IMarketDataVenue> candidates, ILogger<PrimaryVenueSelector> logger)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(logger);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one primary venue is needed.", nameof(candidates));
        }
        _candidates = candidates;
        _logger = logger;
        _reported = new bool[candidates.Count];
    }

    /// <summary>The venue answering now (the first candidate until one refuses this region).</summary>
    public IMarketDataVenue Current => _candidates[Volatile.Read(ref _current)];

    /// <summary>Name of the venue actually answering.</summary>
    public string Name => Current.Name;

    public IReadOnlyList<IMarketDataVenue> Candidates => _candidates;

    public Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken) =>
        RunAsync(v => v.GetPerpetualsAsync(cancellationToken));

    public Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken) =>
        RunAsync(v => v.GetPremiumIndexAsync(cancellationToken));

    public Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken) =>
        RunAsync(v => v.GetFundingHistoryAsync(symbol, query, cancellationToken));

    public Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken) =>
        RunAsync(v => v.GetFundingInfoAsync(cancellationToken));

    public Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken) =>
        RunAsync(v => v.GetOpenInterestAsync(symbol, cancellationToken));

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        RunAsync(v => v.GetOpenInterestHistoryAsync(symbol, period, query, cancellationToken));

    public Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        RunAsync(v => v.GetLongShortRatioAsync(symbol, kind, period, query, cancellationToken));

    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        RunAsync(v => v.GetTakerVolumeAsync(symbol, period, query, cancellationToken));

    public Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken) =>
        RunAsync(v => v.GetKlinesAsync(symbol, interval, query, cancellationToken));

    public Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken) =>
        RunAsync(v => v.GetFuturesTickersAsync(cancellationToken));

    public Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken) =>
        RunAsync(v => v.GetSpotTickersAsync(cancellationToken));

    private async Task<T> RunAsync<T>(Func<IMarketDataVenue, Task<T>> call)
    {
        while (true)
        {
            var index = Volatile.Read(ref _current);
            try
            {
                return await call(_candidates[index]).ConfigureAwait(false);
            }
            catch (VenueException ex) when (ex.Kind == VenueErrorKind.RegionBlocked && MoveOn(index))
            {
                // Retired; the loop asks the next venue the same question.
            }
        }
    }

    /// <summary>Retires candidate <paramref name="index"/> after a 451. False when there is no venue left to ask.</summary>
    private bool MoveOn(int index)
    {
        lock (_gate)
        {
            if (_current != index)
            {
                return true; // a concurrent call already moved on
            }
            var blocked = VenueDisplay.Of(_candidates[index].Name);
            var last = index + 1 >= _candidates.Count;
            if (!_reported[index])
            {
                _reported[index] = true;
                if (last)
                {
                    _logger.LogError("{Venue} refuses this region (HTTP 451) and no other primary venue is enabled (Venues:Primary, Venues:Enabled)", blocked);
                }
                else
                {
                    var rest = string.Join(", ", _candidates.Skip(index + 1).Select(c => VenueDisplay.Of(c.Name)));
                    _logger.LogWarning("{Venue} refuses this region (HTTP 451); using {Remaining}", blocked, rest);
                }
            }
            if (last)
            {
                return false;
            }
            Volatile.Write(ref _current, index + 1);
            return true;
        }
    }
}
