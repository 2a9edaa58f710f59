using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Core.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.OptionChains;

/// <summary>One asset's options positioning as reports, alerts and digests read it.</summary>
/// <param name="Stale">The chain is older than <c>Signals:Options:StaleAfter</c> at the time of reading.</param>
/// <param name="RefreshFailed">The venue failed just now and this is the last good chain.</param>
public sealed record OptionsView(OptionChain Chain, OptionsSignal Signal, DateTimeOffset Now, bool Stale, bool RefreshFailed);

/// <summary>
/// The options side of the market: reads a coin's chain from the options venue (which keeps Deribit's one-call-per-
/// currency-per-minute rule), computes the options signal against the bot's own stored history, and adds a history
/// point at most once per <c>Signals:Options:HistoryInterval</c>. When the venue fails, the last good chain is served
/// (marked stale) if there is one; otherwise the <see cref="VenueException"/> propagates and the caller says the venue
/// is unreachable — the perpetuals reports are unaffected.
/// </summary>
public sealed class OptionsMarket
{
    private readonly IOptionsVenue? _venue;
    private readonly IOptionsHistoryStore? _history;
    private readonly IOptions<SignalOptions> _signals;
    private readonly TimeProvider _time;
    private readonly ILogger<OptionsMarket> _logger;
    private readonly ConcurrentDictionary<string, OptionChain> _lastGood = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRecorded = new(StringComparer.Ordinal);

    public OptionsMarket(IEnumerable<IOptionsVenue> venues, IOptions<SignalOptions> signals, TimeProvider time, ILogger<OptionsMarket> logger, IEnumerable<IOptionsHistoryStore> history)
    {
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(history);
        _venue = venues.LastOrDefault();
        _history = history.LastOrDefault();
        _signals = signals ?? throw new ArgumentNullException(nameof(signals));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>False when no options venue is registered (the <c>/options</c> command then says so).</summary>
    public bool IsAvailable => _venue is not null;

    /// <summary>The options venue's id (<c>deribit</c>, <c>replay:deribit</c>), or null.</summary>
    public string? VenueName => _venue?.Name;

    /// <summary>The canonical coin for what a user typed or a perpetual symbol: <c>btc</c>, <c>BTCUSDT</c> → <c>BTC</c>.</summary>
    public static string AssetOf(string input) => AssetNames.AssetOf(input);

    /// <summary>Coins the venue lists options on.</summary>
    public async Task<IReadOnlyList<string>> AssetsAsync(CancellationToken cancellationToken) =>
        _venue is null ? [] : await _venue.GetOptionAssetsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The options view of <paramref name="asset"/> now.</summary>
    /// <exception cref="VenueException">The venue failed and there is no earlier chain of the asset, or the venue lists no options on it (InvalidSymbol).</exception>
    public async Task<OptionsView> GetAsync(string asset, OptionsMarketContext market, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        ArgumentNullException.ThrowIfNull(market);
        var venue = _venue ?? throw new InvalidOperationException("No options venue is registered.");
        var options = _signals.Value.Options;
        OptionChain chain;
        var failed = false;
        try
        {
            chain = await venue.GetChainAsync(asset, cancellationToken).ConfigureAwait(false);
            _lastGood[asset] = chain;
        }
        catch (VenueException ex) when (ex.Kind != VenueErrorKind.InvalidSymbol && _lastGood.TryGetValue(asset, out var last))
        {
            _logger.LogWarning(ex, "{Venue} options for {Asset} failed ({Kind}); serving the chain of {Time:O}", venue.Name, asset, ex.Kind, last.Time);
            chain = last;
            failed = true;
        }
        var now = _time.GetUtcNow();
        IReadOnlyList<OptionsHistoryPoint> history = [];
        if (_history is not null)
        {
            history = await _history.GetOptionsAsync(venue.Name, asset, now - options.PercentileWindow, cancellationToken).ConfigureAwait(false);
        }
        var signal = OptionsSignals.Compute(chain, now, options, history, market);
        if (_history is not null && !failed && signal.Status == SignalStatus.Ok)
        {
            await RecordAsync(venue.Name, asset, signal, history, options, cancellationToken).ConfigureAwait(false);
        }
        return new OptionsView(chain, signal, now, failed || now - chain.Time > options.StaleAfter, failed);
    }

    /// <summary>The perpetuals context of the combined readings from a snapshot: global long/short account ratio and funding per 8 h.</summary>
    public static OptionsMarketContext ContextOf(MarketSnapshot? snapshot, SignalReport? signals)
    {
        if (snapshot is null)
        {
            return OptionsMarketContext.None;
        }
        var ratio = snapshot.GlobalAccountRatio.Count > 0 ? snapshot.GlobalAccountRatio[^1].Ratio : (decimal?)null;
        var funding = signals?.Funding.Current?.Per8h ?? signals?.Funding.LastSettled?.Per8h;
        return new OptionsMarketContext(ratio, funding);
    }

    private async Task RecordAsync(string venue, string asset, OptionsSignal signal, IReadOnlyList<OptionsHistoryPoint> history, OptionsSignalOptions options, CancellationToken ct)
    {
        var key = venue + "|" + asset;
        var last = _lastRecorded.TryGetValue(key, out var t) ? t : history.Count > 0 ? history[^1].Time : DateTimeOffset.MinValue;
        if (signal.Time - last < options.HistoryInterval)
        {
            return;
        }
        try
        {
            await _history!.RecordOptionsAsync(venue, asset, signal.ToHistoryPoint(), ct).ConfigureAwait(false);
            _lastRecorded[key] = signal.Time;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // History is a nice-to-have for percentiles; the report still goes out.
            _logger.LogWarning(ex, "Recording the options history of {Asset} failed", asset);
        }
    }
}
