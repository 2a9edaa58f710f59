using DerivBot.Application.Reports;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Study;

/// <summary>
/// Runs the heatmap check once per refresh cycle for the watched symbols and stores every sweep whose crossing bar has
/// closed, so the 7- and 30-day calibration reaches past the market store's liquidation retention. Registered as an
/// <see cref="IMarketRefresher"/> after the market store's, so it reads the snapshot that cycle just refreshed.
/// </summary>
public sealed class SweepRecorder(IMarketData market, ISweepStore store, IOptions<SignalOptions> options, TimeProvider time, ILogger<SweepRecorder> logger) : IMarketRefresher
{
    private volatile Symbol[] _watched = [];

    public string VenueName => "sweeps";

    public void Watch(IReadOnlyCollection<Symbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _watched = symbols.ToArray();
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var symbol in _watched)
        {
            try
            {
                var snapshot = await market.GetSnapshotAsync(symbol, cancellationToken).ConfigureAwait(false);
                await RecordAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Heatmap check for {Symbol} failed; it runs again next cycle", symbol);
            }
        }
    }

    /// <summary>Detects and stores the snapshot's closed sweeps; returns how many were new.</summary>
    public async Task<int> RecordAsync(MarketSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Klines.Count == 0)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        // Only sweeps whose crossing bar has closed: the open bar's realised sum is still growing.
        var sweeps = SweepReports.Sweeps(snapshot, options.Value.LiquidationLevels, now).Where(s => s.End <= now).ToList();
        var venues = RealisedVenues(snapshot);
        var added = await store.RecordSweepsAsync(snapshot.Venue, snapshot.Symbol, SweepReports.CheckedFrom(snapshot, now),
            sweeps.Select(s => StoredSweep.From(snapshot.Venue, snapshot.Symbol, s, venues)).ToList(), cancellationToken).ConfigureAwait(false);
        if (added > 0)
        {
            logger.LogInformation("Stored {Count} new liquidation sweeps for {Symbol}", added, snapshot.Symbol);
        }
        return added;
    }

    /// <summary>The venues whose liquidations the snapshot's merged book holds: the primary venue's own stream (events
    /// without a venue) plus every venue whose stream or poll contributed.</summary>
    public static IReadOnlyList<string> RealisedVenues(MarketSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Liquidations.Select(l => l.Venue ?? snapshot.Venue)
            .Append(snapshot.Venue)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
