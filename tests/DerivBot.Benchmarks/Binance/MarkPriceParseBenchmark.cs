using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Binance;

namespace DerivBot.Benchmarks.Binance;

/// <summary>
/// Parses one <c>!markPrice@arr@1s</c> combined frame carrying 500 symbols into a no-op handler — the stream's hot
/// path, which Binance drives once a second. Goal: ≥ 200 frames/s on one core; MemoryDiagnoser reports bytes per frame.
/// </summary>
[MemoryDiagnoser]
public class MarkPriceParseBenchmark
{
    private byte[] _frame = [];
    private readonly NoOpHandler _handler = new();

    [Params(500)]
    public int Symbols { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("{\"stream\":\"!markPrice@arr@1s\",\"data\":[");
        for (var i = 0; i < Symbols; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            var price = (1000m + i * 13.37m).ToString("0.00000000", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture,
                $"{{\"e\":\"markPriceUpdate\",\"E\":1760054400000,\"s\":\"SYM{i}USDT\",\"p\":\"{price}\",\"P\":\"{price}\",\"i\":\"{price}\",\"r\":\"0.000{i % 10}1234\",\"T\":1760083200000}}");
        }
        sb.Append("]}");
        _frame = Encoding.UTF8.GetBytes(sb.ToString());
        // Warm the symbol cache as a running stream would after its first frame.
        BinanceParsers.ParseStreamFrame(_frame, _handler);
        if (_handler.LastCount != Symbols)
        {
            throw new InvalidOperationException($"expected {Symbols} updates, parsed {_handler.LastCount}");
        }
    }

    [Benchmark(Description = "markPrice@arr@1s frame, 500 symbols")]
    public int ParseFrame()
    {
        BinanceParsers.ParseStreamFrame(_frame, _handler);
        return _handler.LastCount;
    }

    private sealed class NoOpHandler : IMarketStreamHandler
    {
        public int LastCount { get; private set; }

        public void OnMarkPrices(IReadOnlyList<PremiumIndex> updates) => LastCount = updates.Count;

        public void OnLiquidation(Liquidation liquidation)
        {
        }

        public void OnStatus(StreamStatus status)
        {
        }
    }
}
