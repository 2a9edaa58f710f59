using System.Globalization;
using System.Text;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Binance;

// Requests and their parsing: weights, the shared /futures/data query, the query builder, venue-labelled parse failures.
public sealed partial class BinanceMarketDataVenue
{
    /// <summary>
    /// Runs a shared parser and, for a venue other than Binance, re-labels its failure with this venue's name: the
    /// parsers are Binance's, but a malformed Aster body is Aster's fault and must say so.
    /// </summary>
    private T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (VenueException ex) when (!string.Equals(ex.Venue, Name, StringComparison.Ordinal))
        {
            var message = ex.Message.StartsWith(ex.Venue + ":", StringComparison.Ordinal) ? Name + ex.Message[ex.Venue.Length..] : $"{Name}: {ex.Message}";
            throw new VenueException(Name, ex.Kind, message, ex) { HttpStatus = ex.HttpStatus, VendorCode = ex.VendorCode, RetryAfter = ex.RetryAfter };
        }
    }

    /// <summary>Klines weight by limit (apis.md A.9): [1,100) → 1, [100,500) → 2, [500,1000] → 5, above → 10.</summary>
    internal static int KlineWeight(int limit) => limit switch
    {
        < 100 => 1,
        < 500 => 2,
        <= 1000 => 5,
        _ => 10,
    };

    private Task<byte[]> Futures(string path, string query, int weight, SlidingWindowLimiter? limiter, CancellationToken cancellationToken) =>
        _http.GetAsync(BinanceHost.Futures, path, query, weight, limiter, cancellationToken);

    private Task<byte[]> FuturesData(string path, Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        // Weight 0 on the IP budget; the per-endpoint 1000 / 5 min cap is what limits these.
        var q = new Query().Add("symbol", symbol.Value).Add("period", period.ToWire()).AddWindow(query, maxLimit: 500);
        return _http.GetAsync(BinanceHost.Futures, path, q.ToString(), 0, _dataLimiters[path], cancellationToken);
    }

    /// <summary>Query-string builder: invariant culture, escaped values, epoch-ms times, limits clamped to the endpoint's maximum.</summary>
    private sealed class Query
    {
        private readonly StringBuilder _text = new();

        public int? Limit { get; private set; }

        public Query Add(string name, string value)
        {
            if (_text.Length > 0)
            {
                _text.Append('&');
            }
            _text.Append(name).Append('=').Append(Uri.EscapeDataString(value));
            return this;
        }

        public Query AddWindow(HistoryQuery query, int maxLimit)
        {
            if (query.Start is { } start)
            {
                Add("startTime", start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            }
            if (query.End is { } end)
            {
                Add("endTime", end.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            }
            if (query.Limit is { } limit)
            {
                Limit = Math.Clamp(limit, 1, maxLimit);
                Add("limit", Limit.Value.ToString(CultureInfo.InvariantCulture));
            }
            return this;
        }

        public override string ToString() => _text.ToString();
    }
}
