namespace DerivBot.Charts;

/// <summary>Linear mapping from a value range to a pixel range.</summary>
internal readonly record struct Scale(double From, double To, double PixelFrom, double PixelTo)
{
    public double Map(double v) => To == From ? (PixelFrom + PixelTo) / 2 : PixelFrom + ((v - From) / (To - From) * (PixelTo - PixelFrom));

    public static Scale Time(DateTimeOffset start, DateTimeOffset end, double left, double right) =>
        new(start.UtcTicks, end.UtcTicks, left, right);

    public double Map(DateTimeOffset t) => Map(t.UtcTicks);
}
