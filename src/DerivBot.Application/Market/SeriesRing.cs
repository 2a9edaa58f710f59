namespace DerivBot.Application.Market;

/// <summary>
/// A bounded, time-ordered ring buffer of points with <see cref="Width"/> decimal fields each, stored struct-of-arrays
/// in <see cref="DecimalColumn"/>s. Times are Unix milliseconds; a regular series (one point every N ms, the usual
/// case for 5-minute statistics and klines) stores no per-point time at all, only the first time and the step, and
/// switches to an explicit <c>long[]</c> on the first irregular point.
/// <para>Physical arrays grow (doubling) up to <see cref="Capacity"/>; only a full ring evicts its oldest point.</para>
/// Not thread-safe: callers hold the owning symbol's lock.
/// </summary>
internal sealed class SeriesRing
{
    private readonly DecimalColumn[] _columns;
    private readonly bool _upsert;
    private long[]? _times;
    private long _firstTime;
    private long _step;
    private int _head;
    private int _count;
    private int _slots;

    /// <param name="capacity">Maximum number of points kept; older ones are evicted.</param>
    /// <param name="width">Decimal fields per point.</param>
    /// <param name="upsert">
    /// True for series keyed by time (statistics, klines): a point with the newest time replaces it and points older
    /// than the newest are ignored (already known). False for event series (liquidations): every point is appended,
    /// in arrival order, even with an equal or older time.
    /// </param>
    public SeriesRing(int capacity, int width, bool upsert = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Capacity = capacity;
        _upsert = upsert;
        _columns = new DecimalColumn[width];
        for (var i = 0; i < width; i++)
        {
            _columns[i] = new DecimalColumn();
        }
    }

    public int Capacity { get; }

    public int Width => _columns.Length;

    public int Count => _count;

    /// <summary>Newest time in ms, or null when empty.</summary>
    public long? LastTime => _count == 0 ? null : TimeAt(_count - 1);

    /// <summary>Oldest time in ms, or null when empty.</summary>
    public long? FirstTime => _count == 0 ? null : TimeAt(0);

    /// <summary>True while every point is on a fixed grid (no per-point time stored).</summary>
    public bool IsRegular => _times is null;

    /// <summary>Bytes held by the arrays of this ring (times + all columns).</summary>
    public long AllocatedBytes => (_times?.LongLength ?? 0) * 8 + _columns.Sum(c => c.AllocatedBytes);

    /// <summary>Time of the <paramref name="index"/>-th point, oldest = 0.</summary>
    public long TimeAt(int index) => _times is null ? _firstTime + _step * index : _times[Physical(index)];

    public decimal ValueAt(int index, int field) => _columns[field].Get(Physical(index));

    /// <summary>Adds a point; see the constructor for the ordering rules. Returns false when it was ignored.</summary>
    public bool Add(long timeMs, ReadOnlySpan<decimal> values)
    {
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} values, got {values.Length}.", nameof(values));
        }

        if (_upsert && _count > 0)
        {
            var last = TimeAt(_count - 1);
            if (timeMs < last)
            {
                return false;
            }
            if (timeMs == last)
            {
                Write(Physical(_count - 1), values);
                return true;
            }
        }

        if (_count == Capacity)
        {
            // Evict the oldest point.
            if (_times is null)
            {
                _firstTime += _step;
            }
            _head = (_head + 1) % _slots;
            _count--;
        }
        else if (_count == _slots)
        {
            Grow();
        }

        var index = _count;
        AppendTime(timeMs, index);
        _count++;
        Write(Physical(index), values);
        return true;
    }

    /// <summary>Removes every point older than <paramref name="cutoffMs"/> (time-based retention for event series).</summary>
    public void TrimBefore(long cutoffMs)
    {
        while (_count > 0 && TimeAt(0) < cutoffMs)
        {
            if (_times is null)
            {
                _firstTime += _step;
            }
            _head = (_head + 1) % _slots;
            _count--;
        }
        if (_count == 0)
        {
            _head = 0;
        }
    }

    private void AppendTime(long timeMs, int index)
    {
        if (_times is null)
        {
            if (index == 0)
            {
                _firstTime = timeMs;
                _step = 0;
                return;
            }
            if (index == 1 && timeMs > _firstTime)
            {
                _step = timeMs - _firstTime;
                return;
            }
            if (index > 1 && timeMs == _firstTime + _step * index)
            {
                return;
            }
            // Irregular: materialise the times of the points already held.
            _times = new long[_slots];
            for (var i = 0; i < index; i++)
            {
                _times[Physical(i)] = _firstTime + _step * i;
            }
        }
        _times[Physical(index)] = timeMs;
    }

    private void Write(int slot, ReadOnlySpan<decimal> values)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].Set(slot, values[i]);
        }
    }

    private int Physical(int index)
    {
        var p = _head + index;
        return p >= _slots ? p - _slots : p;
    }

    private void Grow()
    {
        // Only reached while the ring has never wrapped (count < capacity means nothing was evicted by capacity),
        // or after TrimBefore moved the head: unwrap into fresh arrays in logical order.
        var newSlots = (int)Math.Min(Capacity, Math.Max(8L, (long)_slots * 2));
        if (_head != 0)
        {
            Unwrap();
        }
        _slots = newSlots;
        if (_times is not null)
        {
            Array.Resize(ref _times, newSlots);
        }
        foreach (var c in _columns)
        {
            c.Resize(newSlots);
        }
    }

    private void Unwrap()
    {
        var width = _columns.Length;
        var values = new decimal[_count, width];
        var times = _times is null ? null : new long[_count];
        for (var i = 0; i < _count; i++)
        {
            var p = Physical(i);
            for (var f = 0; f < width; f++)
            {
                values[i, f] = _columns[f].Get(p);
            }
            if (times is not null)
            {
                times[i] = _times![p];
            }
        }
        _head = 0;
        for (var i = 0; i < _count; i++)
        {
            for (var f = 0; f < width; f++)
            {
                _columns[f].Set(i, values[i, f]);
            }
            if (times is not null)
            {
                _times![i] = times[i];
            }
        }
    }
}
