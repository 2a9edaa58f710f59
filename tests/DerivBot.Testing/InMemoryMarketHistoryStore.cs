using DerivBot.Application.Market;
using DerivBot.Core.Markets;

namespace DerivBot.Testing;

/// <summary>
/// The one fake <see cref="IMarketHistoryStore"/>, behaving like the SQLite and PostgreSQL stores
/// (<see cref="MarketHistoryStoreContract"/>): series keyed by venue and symbol exactly as given, times kept to the
/// millisecond in UTC, the first point recorded for a time wins, reads from <c>since</c> inclusive oldest first, prune
/// strictly before. Unlike the real stores its prune counts only these three series (the real ones also prune options
/// history and sweeps, which other ports own).
/// </summary>
public sealed class InMemoryMarketHistoryStore : IMarketHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Venue, string Symbol), SortedDictionary<long, FundingRatePoint>> _funding = [];
    private readonly Dictionary<(string Venue, string Symbol), SortedDictionary<long, OpenInterestPoint>> _openInterest = [];
    private readonly Dictionary<(string Venue, string Symbol), SortedDictionary<long, RatioPoint>> _longShort = [];

    public Task RecordAsync(string venue, Symbol symbol, IReadOnlyList<FundingRatePoint> funding, IReadOnlyList<OpenInterestPoint> openInterest, IReadOnlyList<RatioPoint> globalAccountRatio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funding);
        ArgumentNullException.ThrowIfNull(openInterest);
        ArgumentNullException.ThrowIfNull(globalAccountRatio);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Add(_funding, venue, symbol, funding, p => p.Time, (p, t) => p with { Time = t });
            Add(_openInterest, venue, symbol, openInterest, p => p.Time, (p, t) => p with { Time = t });
            Add(_longShort, venue, symbol, globalAccountRatio, p => p.Time, (p, t) => p with { Time = t });
        }
        return Task.CompletedTask;
    }

    private static void Add<T>(Dictionary<(string, string), SortedDictionary<long, T>> series, string venue, Symbol symbol, IReadOnlyList<T> points,
        Func<T, DateTimeOffset> time, Func<T, DateTimeOffset, T> withTime)
    {
        if (points.Count == 0)
        {
            return;
        }
        var key = (venue, symbol.Value);
        if (!series.TryGetValue(key, out var byTime))
        {
            series[key] = byTime = new SortedDictionary<long, T>();
        }
        foreach (var point in points)
        {
            // As the stores keep it: Unix milliseconds, read back as UTC; a second point for a stored time is ignored.
            var ms = time(point).ToUnixTimeMilliseconds();
            byTime.TryAdd(ms, withTime(point, DateTimeOffset.FromUnixTimeMilliseconds(ms)));
        }
    }

    public Task<IReadOnlyList<FundingRatePoint>> GetFundingAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        Read(_funding, venue, symbol, since, cancellationToken);

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        Read(_openInterest, venue, symbol, since, cancellationToken);

    public Task<IReadOnlyList<RatioPoint>> GetLongShortAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        Read(_longShort, venue, symbol, since, cancellationToken);

    private Task<IReadOnlyList<T>> Read<T>(Dictionary<(string, string), SortedDictionary<long, T>> series, string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var from = since.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            IReadOnlyList<T> list = series.TryGetValue((venue, symbol.Value), out var byTime)
                ? [.. byTime.Where(p => p.Key >= from).Select(p => p.Value)]
                : [];
            return Task.FromResult(list);
        }
    }

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cutoff = before.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            return Task.FromResult(Prune(_funding, cutoff) + Prune(_openInterest, cutoff) + Prune(_longShort, cutoff));
        }
    }

    private static int Prune<T>(Dictionary<(string, string), SortedDictionary<long, T>> series, long cutoff)
    {
        var n = 0;
        foreach (var byTime in series.Values)
        {
            foreach (var ms in byTime.Keys.TakeWhile(k => k < cutoff).ToList())
            {
                byTime.Remove(ms);
                n++;
            }
        }
        return n;
    }
}
