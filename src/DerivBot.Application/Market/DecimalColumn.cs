namespace DerivBot.Application.Market;

/// <summary>
/// One column of decimals in a struct-of-arrays ring buffer, stored as compactly as the values allow and always
/// LOSSLESSLY (value-equal; trailing zeros are not kept, so 1.50 comes back as 1.5).
/// <para>
/// Why: <c>decimal</c> is 16 bytes, and 500 symbols × 7 days × ~30 decimal fields per 5-minute point would need
/// ~500 MB. Binance sends at most 8 decimals, so nearly every value is a small integer mantissa at a fixed scale.
/// The column picks the cheapest representation that holds every value written so far and widens on demand:
/// </para>
/// <list type="number">
/// <item><b>Constant</b> (0 bytes/value): every value written is the same (e.g. kline close-time offsets, volume 0 of mark klines).</item>
/// <item><b>Int32</b> (4 bytes/value): value × 10^scale fits an <c>int</c> for one column-wide scale (ratios, rates, most prices).</item>
/// <item><b>Int64</b> (8 bytes/value): value × 10^scale fits a <c>long</c> (USD notionals with 8 decimals: up to ~9.2e10 USD).</item>
/// <item><b>Decimal</b> (16 bytes/value): anything else (more than ~18 significant digits at the column's scale). Never rounds.</item>
/// </list>
/// Not thread-safe: the owning <see cref="SeriesRing"/> is guarded by its symbol's lock.
/// </summary>
internal sealed class DecimalColumn
{
    private static readonly long[] Pow10 = BuildPowers();

    private Mode _mode = Mode.Empty;
    private decimal _constant;
    private int _scale;
    private int[]? _int32;
    private long[]? _int64;
    private decimal[]? _decimals;
    private int _length;

    private enum Mode : byte { Empty, Constant, Int32, Int64, Decimal }

    /// <summary>Bytes held by the value arrays (for memory accounting and tests).</summary>
    public long AllocatedBytes => (_int32?.LongLength ?? 0) * 4 + (_int64?.LongLength ?? 0) * 8 + (_decimals?.LongLength ?? 0) * 16;

    /// <summary>Current encoding, for tests and diagnostics.</summary>
    public string Encoding => _mode.ToString();

    /// <summary>Grows the physical slot count (slots keep their values). Called by the ring before it wraps.</summary>
    public void Resize(int length)
    {
        _length = length;
        if (_int32 is not null) Array.Resize(ref _int32, length);
        if (_int64 is not null) Array.Resize(ref _int64, length);
        if (_decimals is not null) Array.Resize(ref _decimals, length);
    }

    public decimal Get(int slot) => _mode switch
    {
        Mode.Empty => 0m,
        Mode.Constant => _constant,
        Mode.Int32 => FromScaled(_int32![slot], _scale),
        Mode.Int64 => FromScaled(_int64![slot], _scale),
        _ => _decimals![slot],
    };

    /// <summary>Writes <paramref name="value"/> at <paramref name="slot"/>, widening the encoding when needed.</summary>
    public void Set(int slot, decimal value)
    {
        switch (_mode)
        {
            case Mode.Empty:
                _constant = value;
                _mode = Mode.Constant;
                return;
            case Mode.Constant:
                if (value == _constant)
                {
                    return;
                }
                PromoteFromConstant();
                break;
        }

        while (true)
        {
            switch (_mode)
            {
                case Mode.Int32:
                    if (TryScale(value, _scale, out var m32) && m32 is >= int.MinValue and <= int.MaxValue)
                    {
                        _int32![slot] = (int)m32;
                        return;
                    }
                    if (ScaleOf(value) > _scale && TryRescaleInt32(ScaleOf(value)))
                    {
                        continue;
                    }
                    PromoteToInt64();
                    continue;
                case Mode.Int64:
                    if (TryScale(value, _scale, out var m64))
                    {
                        _int64![slot] = m64;
                        return;
                    }
                    if (ScaleOf(value) > _scale && TryRescaleInt64(ScaleOf(value)))
                    {
                        continue;
                    }
                    PromoteToDecimal();
                    continue;
                default:
                    _decimals![slot] = value;
                    return;
            }
        }
    }

    private void PromoteFromConstant()
    {
        var scale = ScaleOf(_constant);
        if (TryScale(_constant, scale, out var m) && m is >= int.MinValue and <= int.MaxValue)
        {
            _int32 = new int[_length];
            Array.Fill(_int32, (int)m);
            _scale = scale;
            _mode = Mode.Int32;
        }
        else if (TryScale(_constant, scale, out m))
        {
            _int64 = new long[_length];
            Array.Fill(_int64, m);
            _scale = scale;
            _mode = Mode.Int64;
        }
        else
        {
            _decimals = new decimal[_length];
            Array.Fill(_decimals, _constant);
            _mode = Mode.Decimal;
        }
    }

    private bool TryRescaleInt32(int newScale)
    {
        if (newScale - _scale > 9)
        {
            return false;
        }
        var factor = Pow10[newScale - _scale];
        var copy = new int[_int32!.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            var v = (long)_int32[i] * factor;
            if (v is < int.MinValue or > int.MaxValue)
            {
                return false;
            }
            copy[i] = (int)v;
        }
        _int32 = copy;
        _scale = newScale;
        return true;
    }

    private bool TryRescaleInt64(int newScale)
    {
        if (newScale - _scale > 18)
        {
            return false;
        }
        var factor = Pow10[newScale - _scale];
        var copy = new long[_int64!.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            var v = (Int128)_int64[i] * factor;
            if (v < long.MinValue || v > long.MaxValue)
            {
                return false;
            }
            copy[i] = (long)v;
        }
        _int64 = copy;
        _scale = newScale;
        return true;
    }

    private void PromoteToInt64()
    {
        _int64 = new long[_length];
        for (var i = 0; i < _length; i++)
        {
            _int64[i] = _int32![i];
        }
        _int32 = null;
        _mode = Mode.Int64;
    }

    private void PromoteToDecimal()
    {
        _decimals = new decimal[_length];
        for (var i = 0; i < _length; i++)
        {
            _decimals[i] = FromScaled(_int64![i], _scale);
        }
        _int64 = null;
        _mode = Mode.Decimal;
    }

    /// <summary>Number of decimals actually needed by <paramref name="value"/> (trailing zeros ignored).</summary>
    internal static int ScaleOf(decimal value)
    {
        var (mantissa, scale, _) = Decompose(value);
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }
        return scale;
    }

    private static (UInt128 Mantissa, int Scale, bool Negative) Decompose(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        return (mantissa, scale, bits[3] < 0);
    }

    /// <summary>value × 10^scale as a long, when that is an exact integer within range. Integer-only arithmetic.</summary>
    internal static bool TryScale(decimal value, int scale, out long mantissa)
    {
        mantissa = 0;
        var (m, s, negative) = Decompose(value);
        while (s > scale)
        {
            if (m % 10 != 0)
            {
                return false;
            }
            m /= 10;
            s--;
        }
        while (s < scale)
        {
            if (m > (UInt128)long.MaxValue)
            {
                return false;
            }
            m *= 10;
            s++;
        }
        if (negative)
        {
            if (m > (UInt128)long.MaxValue + 1)
            {
                return false;
            }
            mantissa = m == (UInt128)long.MaxValue + 1 ? long.MinValue : -(long)m;
            return true;
        }
        if (m > long.MaxValue)
        {
            return false;
        }
        mantissa = (long)m;
        return true;
    }

    private static decimal FromScaled(long mantissa, int scale)
    {
        var negative = mantissa < 0;
        var abs = negative ? (ulong)(-(mantissa + 1)) + 1 : (ulong)mantissa;
        return new decimal(unchecked((int)(uint)abs), unchecked((int)(uint)(abs >> 32)), 0, negative, (byte)scale);
    }

    private static long[] BuildPowers()
    {
        var p = new long[19];
        p[0] = 1;
        for (var i = 1; i < p.Length; i++)
        {
            p[i] = p[i - 1] * 10;
        }
        return p;
    }
}
