using BenchmarkDotNet.Attributes;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using DerivBot.Testing;

namespace DerivBot.Benchmarks.Signals;

/// <summary>Goal: the full SignalReport for 500 symbols with 7 days of 5-minute history in ≤ 100 ms on one core.</summary>
[MemoryDiagnoser]
public class SignalReportBenchmarks
{
    private MarketSnapshot[] _snapshots = [];
    private readonly SignalOptions _options = new();

    [Params(500)]
    public int Symbols { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshots = [.. Enumerable.Range(0, Symbols).Select(i => SampleMarket.Snapshot(new Symbol($"S{i}USDT"), seed: i, days: 7))];
    }

    [Benchmark]
    public int ComputeAll()
    {
        var n = 0;
        foreach (var s in _snapshots)
        {
            n += (int)SignalEngine.Compute(s, SampleMarket.Now, _options).Quadrant.State;
        }
        return n;
    }
}
