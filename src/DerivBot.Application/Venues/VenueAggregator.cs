using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Venues;

/// <summary>
/// The cross-venue view over every registered <see cref="IVenueOverview"/>. For the watched assets once per refresh
/// cycle (<see cref="RefreshAsync"/>, bulk: one stats call per venue whatever the number of assets) and on demand for
/// an asked asset (<see cref="GetAsync"/>), every venue is asked in parallel, each bounded by
/// <c>Venues:RequestTimeout</c>; a venue that fails in any way (any <see cref="VenueErrorKind"/>, a timeout, a hang, a
/// bug) is reported missing and never fails the answer. Per venue and asset it keeps the last good figures (shown as
/// stale while the venue fails) and a bounded OI history ring, backfilled once from the venue's published history and
/// extended with every answer, from which the aggregate OI changes are computed (<see cref="VenueMath"/>).
/// </summary>
public sealed class VenueAggregator
{
    /// <summary>How much OI history each venue/asset ring keeps: the longest change window plus margin.</summary>
    public static readonly TimeSpan HistoryDepth = TimeSpan.FromHours(26);

    /// <summary>Published history is read at this period for the backfill (26 h = 104 points; every venue serves that many).</summary>
    public const DataPeriod BackfillPeriod = DataPeriod.M15;

    /// <summary>A venue's last good figures are shown (as stale) for at most this long after its calls start failing.</summary>
    public static readonly TimeSpan StaleRowMaxAge = TimeSpan.FromHours(1);

    /// <summary>An answer younger than this is reused by <see cref="GetAsync"/>: many chats asking at once cost one set of calls.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(20);

    private readonly IReadOnlyList<IVenueOverview> _venues;
    private readonly IOptions<VenueAggregationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<VenueAggregator> _logger;
    private readonly ConcurrentDictionary<(string Venue, string Asset), VenueHistorySlot> _slots = new();
    private readonly ConcurrentDictionary<string, VenueSnapshot> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<VenueSnapshot>> _inflight = new(StringComparer.Ordinal);

    public VenueAggregator(IEnumerable<IVenueOverview> venues, IOptions<VenueAggregationOptions> options, TimeProvider time, ILogger<VenueAggregator> logger)
    {
        ArgumentNullException.ThrowIfNull(venues);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        // One overview per venue name, in the default display order (unknown names after, alphabetically).
        _venues = venues
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(v => Order(v.Name))
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The venues the aggregation asks, in display order.</summary>
    public IReadOnlyList<string> VenueNames => _venues.Select(v => v.Name).ToList();

    /// <summary>True when at least one venue overview is registered.</summary>
    public bool IsEnabled => _venues.Count > 0;

    /// <summary>The last answer for <paramref name="asset"/> (from a refresh cycle or an earlier question), without calling any venue.</summary>
    public VenueSnapshot? Cached(string asset) => _latest.TryGetValue(Canonical(asset), out var s) ? s : null;

    /// <summary>
    /// <paramref name="asset"/> across every venue: the answer of the last few seconds when there is one
    /// (<see cref="ReuseFor"/>), otherwise every venue is asked now. Takes at most about <c>Venues:RequestTimeout</c>.
    /// </summary>
    public async Task<VenueSnapshot> GetAsync(string asset, CancellationToken cancellationToken)
    {
        var canonical = Canonical(asset);
        if (_latest.TryGetValue(canonical, out var cached) && _time.GetUtcNow() - cached.Time < ReuseFor)
        {
            return cached;
        }
        // Questions arriving while the venues are being asked share that one round of calls. The shared round is not
        // cancelled by any one caller (each stops waiting on its own token); it is bounded by the request timeout.
        var task = _inflight.GetOrAdd(canonical, StartFetch);
        if (task.IsCompleted)
        {
            // A round that finished before this caller joined it: its answer is good if recent, else ask again.
            _inflight.TryRemove(new KeyValuePair<string, Task<VenueSnapshot>>(canonical, task));
            if (task.IsCompletedSuccessfully && _time.GetUtcNow() - task.Result.Time < ReuseFor)
            {
                return task.Result;
            }
            task = _inflight.GetOrAdd(canonical, StartFetch);
        }
        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (task.IsCompleted)
            {
                _inflight.TryRemove(new KeyValuePair<string, Task<VenueSnapshot>>(canonical, task));
            }
        }
    }

    private Task<VenueSnapshot> StartFetch(string asset) => FetchOneAsync(asset);

    private async Task<VenueSnapshot> FetchOneAsync(string asset)
    {
        await Task.Yield();
        var fresh = await FetchAsync([asset], CancellationToken.None).ConfigureAwait(false);
        return fresh[asset];
    }

    /// <summary>
    /// For reports that add the aggregate to one venue's numbers: the last answer when it is at most
    /// <paramref name="maxAge"/> old (the refresh cycle keeps watched coins fresh), otherwise every venue is asked now.
    /// </summary>
    public async Task<VenueSnapshot> GetRecentAsync(string asset, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var canonical = Canonical(asset);
        if (_latest.TryGetValue(canonical, out var cached) && _time.GetUtcNow() - cached.Time <= maxAge)
        {
            return cached;
        }
        return await GetAsync(canonical, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The refresh cycle: every venue asked once for all <paramref name="assets"/> (bulk), histories extended.</summary>
    public async Task<IReadOnlyDictionary<string, VenueSnapshot>> RefreshAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var canonical = assets.Select(Canonical).Distinct(StringComparer.Ordinal).ToList();
        if (canonical.Count == 0 || _venues.Count == 0)
        {
            return new Dictionary<string, VenueSnapshot>();
        }
        return await FetchAsync(canonical, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyDictionary<string, VenueSnapshot>> FetchAsync(IReadOnlyList<string> assets, CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(_venues.Select(v => AskVenueAsync(v, assets, cancellationToken))).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var result = new Dictionary<string, VenueSnapshot>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            var inputs = new List<VenueInput>();
            var missing = new List<VenueFailure>();
            foreach (var outcome in outcomes)
            {
                var slot = _slots.GetOrAdd((outcome.Venue, asset), _ => new VenueHistorySlot());
                lock (slot)
                {
                    if (outcome.Failure is { } failure)
                    {
                        missing.Add(failure);
                        if (slot.LastGood is { } last && now - last.Time <= StaleRowMaxAge)
                        {
                            inputs.Add(new VenueInput(last, Stale: true, []));
                        }
                        continue;
                    }
                    if (outcome.Histories.TryGetValue(asset, out var history))
                    {
                        slot.Merge(history, now - HistoryDepth);
                        slot.Backfilled = true;
                    }
                    var stat = outcome.Stats.FirstOrDefault(s => string.Equals(s.Asset, asset, StringComparison.Ordinal));
                    if (stat is null)
                    {
                        // Answered, but the venue does not list the asset: absent, not missing.
                        slot.LastGood = null;
                        continue;
                    }
                    slot.LastGood = stat;
                    slot.AddSample(new OpenInterestPoint(stat.Time, stat.OpenInterestCoins, stat.OpenInterestUsd), now - HistoryDepth);
                    inputs.Add(new VenueInput(stat, Stale: false, slot.Points()));
                }
            }
            var histories = inputs.Where(i => !i.Stale).ToDictionary(i => i.Stat.Venue, i => i.OpenInterestHistory, StringComparer.Ordinal);
            var snapshot = new VenueSnapshot(asset, VenueMath.Compare(asset, inputs, now), missing, VenueNames, now, histories);
            _latest[asset] = snapshot;
            result[asset] = snapshot;
        }
        return result;
    }

    /// <summary>One venue: its stats for all assets and, in parallel, the one-time history backfill of assets that lack it.</summary>
    private async Task<VenueOutcome> AskVenueAsync(IVenueOverview venue, IReadOnlyList<string> assets, CancellationToken cancellationToken)
    {
        var timeout = _options.Value.RequestTimeout;
        var now = _time.GetUtcNow();
        var backfill = assets
            .Where(a => !_slots.GetOrAdd((venue.Name, a), _ => new VenueHistorySlot()).Backfilled)
            .Select(a => (Asset: a, Task: BoundedAsync(venue, ct => venue.GetOpenInterestHistoryAsync(
                a, BackfillPeriod, new HistoryQuery(now - HistoryDepth, now, (int)(HistoryDepth / BackfillPeriod.ToTimeSpan()) + 1), ct), timeout, cancellationToken)))
            .ToList();
        var stats = BoundedAsync(venue, ct => venue.GetStatsAsync(assets, ct), timeout, cancellationToken);
        try
        {
            var rows = await stats.ConfigureAwait(false);
            var histories = new Dictionary<string, IReadOnlyList<OpenInterestPoint>>(StringComparer.Ordinal);
            foreach (var (asset, task) in backfill)
            {
                try
                {
                    histories[asset] = await task.ConfigureAwait(false);
                }
                catch (VenueException ex) when (ex.Kind == VenueErrorKind.InvalidSymbol)
                {
                    histories[asset] = [];
                }
                catch (VenueException ex)
                {
                    // The current figures still count; the backfill is tried again next time.
                    _logger.LogInformation("OI history backfill of {Asset} from {Venue} failed ({Kind}); retried next cycle", asset, venue.Name, ex.Kind);
                }
            }
            return new VenueOutcome(venue.Name, Valid(venue.Name, rows), histories, null);
        }
        catch (VenueException ex) when (ex.Kind == VenueErrorKind.InvalidSymbol)
        {
            // A venue that refuses the asset names does not list them: absent, not missing.
            Observe(backfill.Select(b => b.Task));
            return new VenueOutcome(venue.Name, [], new Dictionary<string, IReadOnlyList<OpenInterestPoint>>(), null);
        }
        catch (VenueException ex)
        {
            _logger.LogWarning("Venue {Venue} left out of the cross-venue view: {Kind} (HTTP {Status})", venue.Name, ex.Kind, ex.HttpStatus);
            Observe(backfill.Select(b => b.Task));
            return new VenueOutcome(venue.Name, [], new Dictionary<string, IReadOnlyList<OpenInterestPoint>>(), new VenueFailure(venue.Name, ex.Kind, ex.RetryAfter));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever else goes wrong with one venue's answer costs that venue only.
            _logger.LogError(ex, "Venue {Venue} left out of the cross-venue view: its answer could not be used", venue.Name);
            Observe(backfill.Select(b => b.Task));
            return new VenueOutcome(venue.Name, [], new Dictionary<string, IReadOnlyList<OpenInterestPoint>>(), new VenueFailure(venue.Name, VenueErrorKind.BadResponse));
        }
    }

    /// <summary>Rows for another asset, another venue's name or non-positive figures are the adapter's bug: dropped, not shown.</summary>
    private List<VenueInstrumentStat> Valid(string venue, IReadOnlyList<VenueInstrumentStat> rows)
    {
        var valid = new List<VenueInstrumentStat>(rows.Count);
        foreach (var row in rows)
        {
            if (row is null || string.IsNullOrWhiteSpace(row.Asset) || row.FundingIntervalHours <= 0 || row.MarkPrice <= 0m
                || row.OpenInterestCoins < 0m || row.OpenInterestUsd < 0m)
            {
                _logger.LogWarning("Venue {Venue} returned an unusable overview row for {Asset}; ignored", venue, row?.Asset);
                continue;
            }
            valid.Add(row with { Venue = venue, Asset = Canonical(row.Asset) });
        }
        return valid;
    }

    /// <summary>
    /// Runs one venue call bounded by the request timeout on the DI clock. The caller gets an answer in time even when
    /// the call ignores its token; the call is cancelled at the deadline. Every failure becomes a <see cref="VenueException"/>.
    /// </summary>
    private async Task<T> BoundedAsync<T>(IVenueOverview venue, Func<CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<T> task;
        try
        {
            task = call(cts.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw AsVenueException(venue.Name, ex);
        }
        try
        {
            return await task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new VenueException(venue.Name, VenueErrorKind.Timeout, $"{venue.Name} did not answer within {timeout}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw AsVenueException(venue.Name, ex);
        }
    }

    private VenueException AsVenueException(string venue, Exception ex)
    {
        if (ex is VenueException v)
        {
            return v;
        }
        if (ex is OperationCanceledException)
        {
            return new VenueException(venue, VenueErrorKind.Timeout, $"{venue} cancelled its call.", ex);
        }
        // Adapters promise VenueException only; anything else is their bug, but it still only costs that venue.
        _logger.LogError(ex, "Venue {Venue} overview threw {Type} instead of a VenueException", venue, ex.GetType().Name);
        return new VenueException(venue, VenueErrorKind.BadResponse, $"{venue} failed unexpectedly.", ex);
    }

    /// <summary>Backfills of a failed venue end by themselves (each is bounded); nobody waits for them.</summary>
    private static void Observe(IEnumerable<Task> tasks)
    {
        foreach (var task in tasks)
        {
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private static string Canonical(string asset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        return AssetNames.AssetOf(asset);
    }

    private static int Order(string venue)
    {
        for (var i = 0; i < VenueIds.Perpetuals.Count; i++)
        {
            if (string.Equals(VenueIds.Perpetuals[i], venue, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return int.MaxValue;
    }

    private sealed record VenueOutcome(
        string Venue,
        IReadOnlyList<VenueInstrumentStat> Stats,
        IReadOnlyDictionary<string, IReadOnlyList<OpenInterestPoint>> Histories,
        VenueFailure? Failure);
}
