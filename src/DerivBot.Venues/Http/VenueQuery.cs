using System.Globalization;
using DerivBot.Core.Markets;

namespace DerivBot.Venues.Http;

/// <summary>Query-string builder shared by the Bybit and OKX adapters: escaped values, epoch-ms times, clamped limits.</summary>
internal sealed class VenueQuery
{
    private readonly System.Text.StringBuilder _text = new();

    public VenueQuery Add(string name, string value)
    {
        if (_text.Length > 0)
        {
            _text.Append('&');
        }
        _text.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public VenueQuery AddMs(string name, DateTimeOffset time) => Add(name, time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Start/end/limit. Bybit rejects a start without an end on some endpoints, so a start alone is closed at "now";
    /// the venue then answers the NEWEST rows of the window, which is what a refresh wants.
    /// </summary>
    public VenueQuery AddWindow(HistoryQuery query, string startName, string endName, int maxLimit, TimeProvider time)
    {
        if (query.Start is { } start)
        {
            AddMs(startName, start);
            AddMs(endName, query.End ?? time.GetUtcNow());
        }
        else if (query.End is { } end)
        {
            AddMs(endName, end);
        }
        if (query.Limit is { } limit)
        {
            Add("limit", Math.Clamp(limit, 1, maxLimit).ToString(CultureInfo.InvariantCulture));
        }
        return this;
    }

    public override string ToString() => _text.ToString();
}
