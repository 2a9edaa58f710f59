using BenchmarkDotNet.Attributes;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using DerivBot.Testing;

namespace DerivBot.Benchmarks.Signals;

/// <summary>
/// Goal: updating the estimated levels by one bar for one symbol in ≤ 50 µs. Each iteration starts from a model
/// warmed with one week of 5-minute bars and applies the next week, one bar at a time (reported per bar).
/// </summary>
[MemoryDiagnoser]
public class LiquidationLevelBenchmarks
{
    private const int BarsPerWeek = 7 * 24 * 12;
    private readonly LiquidationLevelOptions _options = new();
    private Kline[] _bars = [];
    private OpenInterestPoint[] _oi = [];
    private LiquidationLevelModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = SampleMarket.Snapshot(new Symbol("BTCUSDT"), seed: 42, days: 14);
        _bars = [.. snapshot.Klines];
        _oi = [.. snapshot.OpenInterest];
    }

    [IterationSetup]
    public void Warm()
    {
        _model = new LiquidationLevelModel(_options);
        for (var i = 1; i < BarsPerWeek; i++)
        {
            Apply(i);
        }
    }

    [Benchmark(OperationsPerInvoke = BarsPerWeek)]
    public decimal ApplyOneBar()
    {
        for (var i = BarsPerWeek; i < 2 * BarsPerWeek; i++)
        {
            Apply(i);
        }
        return _model.LastClose;
    }

    private void Apply(int i)
    {
        var bar = _bars[i];
        var ratio = bar.TakerBuyVolume / (bar.Volume - bar.TakerBuyVolume);
        _model.Apply(bar, _oi[i - 1].Contracts, _oi[i].Contracts, ratio);
    }
}
