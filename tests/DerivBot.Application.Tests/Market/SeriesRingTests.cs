using DerivBot.Application.Market;

namespace DerivBot.Application.Tests.Market;

public sealed class SeriesRingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1.8105")]
    [InlineData("-0.00038246")]
    [InlineData("11793.63104562")]
    [InlineData("150570784.07809979")]
    [InlineData("0.00000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    public void Set_AnyDecimal_RoundTripsExactly(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var column = new DecimalColumn();
        column.Resize(4);
        column.Set(0, 1.5m);
        column.Set(1, value);
        column.Set(2, 2m);

        Assert.Equal(1.5m, column.Get(0));
        Assert.Equal(value, column.Get(1));
        Assert.Equal(2m, column.Get(2));
    }

    [Fact]
    public void Set_WidensOnlyAsFarAsNeeded()
    {
        var column = new DecimalColumn();
        column.Resize(3);
        column.Set(0, 5m);
        column.Set(1, 5m);
        Assert.Equal("Constant", column.Encoding);
        Assert.Equal(0, column.AllocatedBytes);

        column.Set(1, 0.6442m);
        Assert.Equal("Int32", column.Encoding);
        Assert.Equal(12, column.AllocatedBytes);

        column.Set(2, 150570784.07809979m);
        Assert.Equal("Int64", column.Encoding);
        column.Set(2, 0.0000000000000000000000000001m);
        Assert.Equal("Decimal", column.Encoding);
        Assert.Equal([5m, 0.6442m, 0.0000000000000000000000000001m], new[] { column.Get(0), column.Get(1), column.Get(2) });
    }

    [Fact]
    public void Add_PastCapacity_EvictsOldestAndStaysBounded()
    {
        var ring = new SeriesRing(capacity: 100, width: 2);
        for (var i = 0; i < 10_000; i++)
        {
            ring.Add(i * 300_000L, [i, i * 0.5m]);
        }

        Assert.Equal(100, ring.Count);
        Assert.Equal(9_900 * 300_000L, ring.TimeAt(0));
        Assert.Equal(9_999 * 300_000L, ring.TimeAt(99));
        Assert.Equal(9_950m, ring.ValueAt(50, 0));
        Assert.Equal(4_975m, ring.ValueAt(50, 1));
        Assert.True(ring.IsRegular);
        Assert.True(ring.AllocatedBytes <= 100 * 2 * 8, $"{ring.AllocatedBytes} bytes");
    }

    [Fact]
    public void Add_SameTime_ReplacesAndOlderIsIgnored()
    {
        var ring = new SeriesRing(capacity: 10, width: 1);
        ring.Add(1_000, [1m]);
        ring.Add(2_000, [2m]);
        Assert.True(ring.Add(2_000, [3m]));
        Assert.False(ring.Add(1_500, [9m]));

        Assert.Equal(2, ring.Count);
        Assert.Equal(3m, ring.ValueAt(1, 0));
    }

    [Fact]
    public void Add_IrregularTimes_SwitchesToExplicitTimes()
    {
        var ring = new SeriesRing(capacity: 4, width: 1);
        foreach (var t in new long[] { 0, 10, 20, 35, 36, 50 })
        {
            ring.Add(t, [t]);
        }

        Assert.False(ring.IsRegular);
        Assert.Equal([20L, 35L, 36L, 50L], Enumerable.Range(0, ring.Count).Select(ring.TimeAt));
        Assert.Equal([20m, 35m, 36m, 50m], Enumerable.Range(0, ring.Count).Select(i => ring.ValueAt(i, 0)));
    }

    [Fact]
    public void TrimBefore_ThenGrow_KeepsLogicalOrder()
    {
        var ring = new SeriesRing(capacity: 64, width: 1, upsert: false);
        for (var i = 0; i < 8; i++)
        {
            ring.Add(i, [i]);
        }
        ring.TrimBefore(5);
        for (var i = 8; i < 20; i++)
        {
            ring.Add(i, [i]);
        }

        Assert.Equal(Enumerable.Range(5, 15).Select(i => (long)i), Enumerable.Range(0, ring.Count).Select(ring.TimeAt));
        Assert.Equal(Enumerable.Range(5, 15).Select(i => (decimal)i), Enumerable.Range(0, ring.Count).Select(i => ring.ValueAt(i, 0)));
    }

    [Fact]
    public void Add_EventSeries_KeepsEqualTimes()
    {
        var ring = new SeriesRing(capacity: 10, width: 1, upsert: false);
        ring.Add(5, [1m]);
        ring.Add(5, [2m]);
        ring.Add(4, [3m]);

        Assert.Equal(3, ring.Count);
        Assert.Equal([5L, 5L, 4L], Enumerable.Range(0, 3).Select(ring.TimeAt));
    }
}
