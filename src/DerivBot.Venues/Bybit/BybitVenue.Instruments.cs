using DerivBot.Core.Markets;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

// The cached instrument list and the tickers call the snapshots and overview share.
public sealed partial class BybitVenue
{
    /// <summary>The instrument list, reused for <paramref name="maxAge"/> (zero: read afresh).</summary>
    private Task<IReadOnlyDictionary<Symbol, BybitInstrument>> InstrumentsAsync(TimeSpan maxAge, CancellationToken cancellationToken) =>
        _instruments.GetAsync(maxAge, async ct =>
        {
            var items = new Dictionary<Symbol, BybitInstrument>();
            string? cursor = null;
            // Bounded: ~600 linear symbols fit in one page of 1000; a venue that keeps paging cannot hold us here.
            for (var page = 0; page < 5; page++)
            {
                var q = new VenueQuery().Add("category", Category).Add("limit", "1000");
                if (cursor is not null)
                {
                    q.Add("cursor", cursor);
                }
                var body = await _rest.GetAsync(Paths.Instruments, q.ToString(), 1, _limiters, ct).ConfigureAwait(false);
                var (list, next) = BybitParsers.ParseInstruments(body);
                foreach (var i in list)
                {
                    items[i.Symbol] = i;
                }
                if (string.IsNullOrEmpty(next) || list.Count == 0)
                {
                    break;
                }
                cursor = next;
            }
            return (IReadOnlyDictionary<Symbol, BybitInstrument>)items;
        }, cancellationToken);

    private async Task<(IReadOnlyList<BybitTicker> Items, DateTimeOffset? Time)> TickersAsync(string category, Symbol? symbol, CancellationToken cancellationToken)
    {
        var q = new VenueQuery().Add("category", category);
        if (symbol is { } s)
        {
            q.Add("symbol", s.Value);
        }
        var body = await _rest.GetAsync(Paths.Tickers, q.ToString(), 1, _limiters, cancellationToken).ConfigureAwait(false);
        return BybitParsers.ParseTickers(body);
    }

    private static List<Ticker24h> ToTickers(IEnumerable<BybitTicker> tickers, DateTimeOffset at) =>
        tickers.Select(t => new Ticker24h(t.Symbol, t.LastPrice, (t.Price24hPcnt ?? 0m) * 100m, t.Volume24h ?? 0m, t.Turnover24h ?? 0m,
            at - TimeSpan.FromDays(1), at)).ToList();

    private static string BaseOf(BybitInstrument i) =>
        i.BaseCoin.Length > 0 ? i.BaseCoin : i.Symbol.Value.EndsWith("USDT", StringComparison.Ordinal) ? i.Symbol.Value[..^4] : i.Symbol.Value;

    /// <summary>Linear tickers also list USDC perpetuals (<c>BTCPERP</c>) and dated futures (<c>BTCUSDT-26DEC25</c>).</summary>
    private static bool IsUsdtPerpetualName(Symbol symbol) =>
        symbol.Value.EndsWith("USDT", StringComparison.Ordinal) && !symbol.Value.Contains('-', StringComparison.Ordinal);
}
