using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Venues;

/// <summary>Per venue and asset: last good figures and the OI ring (oldest first, one point per instant). Locked by its users.</summary>
internal sealed class VenueHistorySlot
{
    private const int RingCapacity = 2_000;
    private static readonly TimeSpan MinSampleSpacing = TimeSpan.FromSeconds(30);

    private readonly List<OpenInterestPoint> _points = [];

    public VenueInstrumentStat? LastGood { get; set; }

    public bool Backfilled { get; set; }

    public IReadOnlyList<OpenInterestPoint> Points() => _points.ToArray();

    public void Merge(IReadOnlyList<OpenInterestPoint> history, DateTimeOffset keepFrom)
    {
        foreach (var point in history)
        {
            Insert(point);
        }
        Trim(keepFrom);
    }

    /// <summary>The bot's own sample; skipped when one was taken moments ago (many questions in a row).</summary>
    public void AddSample(OpenInterestPoint point, DateTimeOffset keepFrom)
    {
        if (_points.Count > 0 && _points[^1].Time <= point.Time && point.Time - _points[^1].Time < MinSampleSpacing)
        {
            _points[^1] = point;
        }
        else
        {
            Insert(point);
        }
        Trim(keepFrom);
    }

    private void Insert(OpenInterestPoint point)
    {
        if (point.Contracts <= 0m)
        {
            return;
        }
        var i = _points.Count;
        while (i > 0 && _points[i - 1].Time > point.Time)
        {
            i--;
        }
        if (i > 0 && _points[i - 1].Time == point.Time)
        {
            _points[i - 1] = point;
            return;
        }
        _points.Insert(i, point);
    }

    private void Trim(DateTimeOffset keepFrom)
    {
        var drop = 0;
        while (drop < _points.Count && _points[drop].Time < keepFrom)
        {
            drop++;
        }
        drop = Math.Max(drop, _points.Count - RingCapacity);
        if (drop > 0)
        {
            _points.RemoveRange(0, drop);
        }
    }
}
