using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using DerivBot.Venues.Binance;

namespace DerivBot.Benchmarks.Binance;

/// <summary>
/// Parses the two largest Binance REST bodies the bot reads on a schedule: the all-symbols <c>/fapi/v1/premiumIndex</c>
/// (700 objects, every market refresh) and a 500-row <c>/fapi/v1/klines</c> page (history backfill). Not a per-second
/// path like the stream, but it runs for every symbol the bot watches, so REST parsing must not get slower.
/// </summary>
[MemoryDiagnoser]
public class RestParseBenchmark
{
    private byte[] _premiumIndex = [];
    private byte[] _klines = [];

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < 700; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            var price = (1000m + i * 13.37m).ToString("0.00000000", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture,
                $"{{\"symbol\":\"SYM{i}USDT\",\"markPrice\":\"{price}\",\"indexPrice\":\"{price}\",\"estimatedSettlePrice\":\"{price}\",\"lastFundingRate\":\"0.000{i % 10}1234\",\"interestRate\":\"0.00010000\",\"nextFundingTime\":1760083200000,\"time\":1760054400000}}");
        }
        _premiumIndex = Encoding.UTF8.GetBytes(sb.Append(']').ToString());

        sb.Clear().Append('[');
        for (var i = 0; i < 500; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            var open = 1746921600000L + i * 3_600_000L;
            sb.Append(CultureInfo.InvariantCulture,
                $"[{open},\"104788.80\",\"104950.00\",\"103886.90\",\"104381.40\",\"11197.461\",{open + 3_599_999},\"1169394702.70550\",224271,\"4775.353\",\"498730530.37480\",\"0\"]");
        }
        _klines = Encoding.UTF8.GetBytes(sb.Append(']').ToString());

        if (BinanceParsers.ParsePremiumIndex(_premiumIndex).Count != 700 || BinanceParsers.ParseKlines(_klines).Count != 500)
        {
            throw new InvalidOperationException("the benchmark bodies did not parse completely");
        }
    }

    [Benchmark(Description = "premiumIndex, 700 symbols")]
    public int PremiumIndex() => BinanceParsers.ParsePremiumIndex(_premiumIndex).Count;

    [Benchmark(Description = "klines, 500 rows")]
    public int Klines() => BinanceParsers.ParseKlines(_klines).Count;
}
