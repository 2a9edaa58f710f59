using SkiaSharp;

namespace DerivBot.Charts.Native;

/// <summary>A colour with components in 0..1.</summary>
internal readonly record struct Rgba(double R, double G, double B, double A = 1)
{
    public static Rgba FromBytes(byte r, byte g, byte b, double a = 1) => new(r / 255.0, g / 255.0, b / 255.0, a);

    public Rgba WithAlpha(double a) => this with { A = a };

    internal SKColor ToSk() => new(Byte(R), Byte(G), Byte(B), Byte(A));

    private static byte Byte(double v) => (byte)Math.Clamp(Math.Round(v * 255), 0, 255);
}
