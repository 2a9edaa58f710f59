using DerivBot.Core.Markets;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

// OKX's two window conventions: after/before on candles and history, begin/end on Rubik.
public sealed partial class OkxVenue
{
    /// <summary>
    /// OKX candles/history paging: <c>after</c> = rows older than, <c>before</c> = rows newer than. A start alone is
    /// closed at "now", so the venue answers the newest rows of the window.
    /// </summary>
    private void AddPaging(VenueQuery q, HistoryQuery query, int maxLimit)
    {
        if (query.Start is { } start)
        {
            q.AddMs("after", (query.End ?? _time.GetUtcNow()) + TimeSpan.FromMilliseconds(1));
            q.AddMs("before", start - TimeSpan.FromMilliseconds(1));
        }
        else if (query.End is { } end)
        {
            q.AddMs("after", end + TimeSpan.FromMilliseconds(1));
        }
        if (query.Limit is { } limit)
        {
            q.Add("limit", Math.Clamp(limit, 1, maxLimit).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Rubik windows are <c>begin</c>/<c>end</c> (ms).</summary>
    private void AddBeginEnd(VenueQuery q, HistoryQuery query, int? maxLimit)
    {
        if (query.Start is { } start)
        {
            q.AddMs("begin", start);
            q.AddMs("end", query.End ?? _time.GetUtcNow());
        }
        else if (query.End is { } end)
        {
            q.AddMs("end", end);
        }
        if (maxLimit is { } max && query.Limit is { } limit)
        {
            q.Add("limit", Math.Clamp(limit, 1, max).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
