using DerivBot.Application.Study;
using DerivBot.Core.Markets;

namespace DerivBot.Testing;

/// <summary>
/// The in-memory <see cref="ISweepStore"/>: same rules as the SQLite store (one sweep per venue, symbol, side, entering
/// time and band bottom, the first wins; coverage keeps the earliest check and is cut by pruning; times kept to the
/// millisecond). Both pass SweepStoreContract.
/// </summary>
public sealed class InMemorySweepStore : ISweepStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Venue, string Symbol, PositionSide Side, long Entered, decimal Low), StoredSweep> _sweeps = [];
    private readonly Dictionary<(string Venue, string Symbol), DateTimeOffset> _since = [];

    public Task<int> RecordSweepsAsync(string venue, Symbol symbol, DateTimeOffset checkedFrom, IReadOnlyList<StoredSweep> sweeps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        lock (_gate)
        {
            var added = 0;
            foreach (var s in sweeps)
            {
                var stored = s with { Venue = venue, Symbol = symbol.Value, EnteredAt = Ms(s.EnteredAt), CrossedAt = Ms(s.CrossedAt), RealisedVenues = s.RealisedVenues.ToArray() };
                if (_sweeps.TryAdd((venue, symbol.Value, s.Side, stored.EnteredAt.ToUnixTimeMilliseconds(), s.BandLow), stored))
                {
                    added++;
                }
            }
            var from = Ms(checkedFrom);
            _since[(venue, symbol.Value)] = _since.TryGetValue((venue, symbol.Value), out var old) && old < from ? old : from;
            return Task.FromResult(added);
        }
    }

    public Task<IReadOnlyList<StoredSweep>> GetSweepsAsync(string venue, Symbol symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredSweep> list = _sweeps.Values
                .Where(s => s.Venue == venue && s.Symbol == symbol.Value && s.CrossedAt > Ms(from) && s.CrossedAt <= Ms(to))
                .OrderBy(x => x.CrossedAt).ThenBy(x => x.EnteredAt).ThenBy(x => x.Side).ThenBy(x => x.BandLow).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<DateTimeOffset?> GetCheckedSinceAsync(string venue, Symbol symbol, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_since.TryGetValue((venue, symbol.Value), out var since) ? since : (DateTimeOffset?)null);
        }
    }

    public Task<int> PruneSweepsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var cut = Ms(before);
            var gone = _sweeps.Where(p => p.Value.CrossedAt < cut).Select(p => p.Key).ToList();
            foreach (var key in gone)
            {
                _sweeps.Remove(key);
            }
            foreach (var key in _since.Where(p => p.Value < cut).Select(p => p.Key).ToList())
            {
                _since[key] = cut;
            }
            return Task.FromResult(gone.Count);
        }
    }

    private static DateTimeOffset Ms(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
