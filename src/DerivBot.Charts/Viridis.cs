using DerivBot.Charts.Native;

namespace DerivBot.Charts;

/// <summary>
/// The viridis colormap (dark purple → blue → green → yellow): perceptually uniform, so equal steps in notional look
/// like equal steps in brightness, and still readable in greyscale and for the common colour-vision deficiencies.
/// A 256-entry table interpolated in sRGB between ten anchors taken at equal steps along the map.
/// </summary>
internal static class Viridis
{
    private static readonly (byte R, byte G, byte B)[] Anchors =
    [
        (0x44, 0x01, 0x54), (0x48, 0x28, 0x78), (0x3E, 0x4A, 0x89), (0x31, 0x68, 0x8E), (0x26, 0x82, 0x8E),
        (0x1F, 0x9E, 0x89), (0x35, 0xB7, 0x79), (0x6D, 0xCD, 0x59), (0xB4, 0xDE, 0x2C), (0xFD, 0xE7, 0x25),
    ];

    /// <summary>Opaque 0xFFRRGGBB per level 0..255.</summary>
    private static readonly uint[] Table = Build();

    /// <summary>The colour of "nothing here": the heatmap background.</summary>
    public static Rgba Background => ToRgba(Table[0]);

    /// <summary>Opaque pixel (0xFFRRGGBB) for <paramref name="t"/> in 0..1 (clamped; NaN counts as 0).</summary>
    public static uint Pixel(double t)
    {
        if (!(t > 0))
        {
            return Table[0];
        }
        return Table[t >= 1 ? 255 : (int)(t * 255 + 0.5)];
    }

    public static Rgba Color(double t) => ToRgba(Pixel(t));

    private static Rgba ToRgba(uint p) => Rgba.FromBytes((byte)(p >> 16), (byte)(p >> 8), (byte)p);

    private static uint[] Build()
    {
        var table = new uint[256];
        var segments = Anchors.Length - 1;
        for (var i = 0; i < 256; i++)
        {
            var pos = i / 255.0 * segments;
            var k = Math.Min((int)pos, segments - 1);
            var f = pos - k;
            var (r0, g0, b0) = Anchors[k];
            var (r1, g1, b1) = Anchors[k + 1];
            var r = (uint)Math.Round(r0 + ((r1 - r0) * f));
            var g = (uint)Math.Round(g0 + ((g1 - g0) * f));
            var b = (uint)Math.Round(b0 + ((b1 - b0) * f));
            table[i] = 0xFF000000u | (r << 16) | (g << 8) | b;
        }
        return table;
    }
}
