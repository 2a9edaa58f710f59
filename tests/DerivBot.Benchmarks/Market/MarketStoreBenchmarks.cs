using BenchmarkDotNet.Attributes;
using DerivBot.Application.Market;
using DerivBot.Core.Markets;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Benchmarks.Market;

/// <summary>
/// (a) Memory: 500 symbols × 7 days of 5-minute points loaded into the store (goal ≤ 150 MB retained).
/// The retained size is measured once in <see cref="GlobalSetup"/> (GC.GetTotalMemory(true) before and after a full
/// load, printed as "RETAINED …" in the log); the benchmark itself times a full 500-symbol backfill.
/// </summary>
[MemoryDiagnoser]
public class MarketStoreMemoryBenchmark
{
    private const int Symbols = 500;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (bytes, seriesBytes, points) = MeasureRetained(Symbols, TimeSpan.FromDays(7));
        Console.WriteLine($"RETAINED {bytes / 1024.0 / 1024.0:F1} MB for {Symbols} symbols × 7 days "
            + $"({points:N0} series points; ring arrays {seriesBytes / 1024.0 / 1024.0:F1} MB; {bytes / (double)points:F1} B/point)");
    }

    [Benchmark]
    public async Task<int> Backfill500SymbolsSevenDays()
    {
        var (store, venue, _) = Create(Symbols, TimeSpan.FromDays(7));
        using (store)
        {
            foreach (var s in venue.Symbols)
            {
                await store.GetSnapshotAsync(s, CancellationToken.None);
            }
            return store.LoadedSymbols.Count;
        }
    }

    /// <summary>Loads <paramref name="symbols"/> symbols with <paramref name="depth"/> of history and returns the bytes the store retains.</summary>
    public static (long Bytes, long SeriesBytes, long Points) MeasureRetained(int symbols, TimeSpan depth)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var (store, venue, _) = Create(symbols, depth);
        long points = 0;
        foreach (var s in venue.Symbols)
        {
            var snapshot = store.GetSnapshotAsync(s, CancellationToken.None).GetAwaiter().GetResult();
            points += snapshot.OpenInterest.Count + snapshot.GlobalAccountRatio.Count + snapshot.TopAccountRatio.Count
                + snapshot.TopPositionRatio.Count + snapshot.TakerVolume.Count + snapshot.Klines.Count
                + snapshot.PredictedFunding.Count + snapshot.FundingHistory.Count;
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var seriesBytes = store.SeriesBytes;
        GC.KeepAlive(store);
        store.Dispose();
        return (after - before, seriesBytes, points);
    }

    /// <summary>A store with every one of <paramref name="symbols"/> synthetic symbols loaded (6 h of history), as a running bot holds them.</summary>
    internal static (MarketStore Store, SyntheticVenue Venue, ManualTimeProvider Time) CreateLoaded(int symbols)
    {
        var (store, venue, time) = Create(symbols, TimeSpan.FromHours(6));
        foreach (var s in venue.Symbols)
        {
            store.GetSnapshotAsync(s, CancellationToken.None).GetAwaiter().GetResult();
        }
        return (store, venue, time);
    }

    internal static (MarketStore Store, SyntheticVenue Venue, ManualTimeProvider Time) Create(int symbols, TimeSpan depth)
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 10, 10, 12, 0, 30, TimeSpan.Zero));
        var venue = new SyntheticVenue(time, symbols);
        var options = new MarketOptions { HistoryDepth = depth, TopN = 0 };
        return (new MarketStore(venue, Options.Create(options), time, [], NullLogger<MarketStore>.Instance), venue, time);
    }
}

/// <summary>
/// (b) Ingest: one <c>!markPrice@arr@1s</c> batch of 500 symbols into a store with all 500 loaded (premium update +
/// predicted-funding sample per symbol). Frames/s = 1 / mean time.
/// </summary>
[MemoryDiagnoser]
public class MarketStoreIngestBenchmark
{
    private MarketStore _store = null!;
    private PremiumIndex[][] _batches = null!;
    private int _next;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (store, venue, time) = MarketStoreMemoryBenchmark.CreateLoaded(500);
        _store = store;
        // One minute of per-second batches, cycled: each batch is a new second as on the live stream.
        var start = time.GetUtcNow();
        _batches = Enumerable.Range(0, 60)
            .Select(i => venue.Symbols.Select(s => SyntheticVenue.MarkPrice(s, start.AddSeconds(i))).ToArray())
            .ToArray();
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _store.Dispose();

    [Benchmark]
    public void IngestMarkPriceBatch500()
    {
        _store.OnMarkPrices(_batches[_next]);
        _next = (_next + 1) % _batches.Length;
    }
}
