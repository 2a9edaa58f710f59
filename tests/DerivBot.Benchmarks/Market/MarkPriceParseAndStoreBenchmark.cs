using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using DerivBot.Application.Market;
using DerivBot.Venues.Binance;

namespace DerivBot.Benchmarks.Market;

/// <summary>
/// The issue's stream goal end to end: one <c>!markPrice@arr@1s</c> combined frame of 500 symbols, in Binance's wire
/// format, parsed by <see cref="BinanceParsers"/> straight into the market store with all 500 symbols loaded.
/// Goal: ≥ 200 frames/s on one core (the stream sends one per second). Frames/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class MarkPriceParseAndStoreBenchmark
{
    private MarketStore _store = null!;
    private byte[][] _frames = [];
    private int _next;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (store, venue, time) = MarketStoreMemoryBenchmark.CreateLoaded(500);
        _store = store;
        // One minute of per-second frames, cycled, each carrying the same 500 symbols the store holds.
        var start = time.GetUtcNow();
        _frames = Enumerable.Range(0, 60).Select(second =>
        {
            var sb = new StringBuilder("{\"stream\":\"!markPrice@arr@1s\",\"data\":[");
            var first = true;
            foreach (var s in venue.Symbols)
            {
                var p = SyntheticVenue.MarkPrice(s, start.AddSeconds(second));
                sb.Append(first ? "" : ",");
                first = false;
                sb.Append(CultureInfo.InvariantCulture,
                    $"{{\"e\":\"markPriceUpdate\",\"E\":{p.Time.ToUnixTimeMilliseconds()},\"s\":\"{p.Symbol.Value}\",\"p\":\"{p.MarkPrice}\",\"i\":\"{p.IndexPrice}\",\"P\":\"{p.EstimatedSettlePrice}\",\"r\":\"{p.FundingRate}\",\"T\":{p.NextFundingTime.ToUnixTimeMilliseconds()}}}");
            }
            return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
        }).ToArray();
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _store.Dispose();

    [Benchmark]
    public void ParseAndStoreFrame500()
    {
        BinanceParsers.ParseStreamFrame(_frames[_next], _store);
        _next = (_next + 1) % _frames.Length;
    }
}
