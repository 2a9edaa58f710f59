using System.Buffers.Binary;
using System.IO.Compression;

namespace DerivBot.Charts.Tests;

/// <summary>
/// A minimal PNG decoder for tests: checks the signature and every chunk's CRC, reads IHDR, inflates the IDAT stream
/// (zlib checks its Adler-32) and undoes the row filters, for 8-bit RGB (our encoder) and RGBA (cairo's writer)
/// non-interlaced images. Enough to sample pixels. The CRC here is the bitwise definition, independent of the
/// table-driven one under test.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    /// <summary>PNG colour type: 2 = RGB, 6 = RGBA.</summary>
    public int ColourType => _channels == 3 ? 2 : 6;

    public int Width { get; }

    public int Height { get; }

    public static bool HasSignature(byte[] png) => png.Length >= 8 && png.AsSpan(0, 8).SequenceEqual(Signature);

    public static PngImage Decode(byte[] png)
    {
        if (!HasSignature(png))
        {
            throw new InvalidDataException("Not a PNG: bad signature.");
        }
        var pos = 8;
        int width = 0, height = 0, colourType = -1;
        using var idat = new MemoryStream();
        var sawEnd = false;
        while (pos + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (length < 0 || pos + 12 + length > png.Length)
            {
                throw new InvalidDataException($"Chunk at {pos} runs past the end of the file.");
            }
            var data = png.AsSpan(pos + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            var actual = BitwiseCrc32(png.AsSpan(pos + 4, length + 4));
            if (crc != actual)
            {
                throw new InvalidDataException($"Chunk {type} at {pos}: CRC {crc:X8} stored, {actual:X8} computed.");
            }
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var bitDepth = data[8];
                    colourType = data[9];
                    var interlace = data[12];
                    if (bitDepth != 8 || (colourType != 2 && colourType != 6) || interlace != 0)
                    {
                        throw new NotSupportedException($"PNG depth {bitDepth}, colour type {colourType}, interlace {interlace}.");
                    }
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }
            pos += 12 + length;
        }
        if (width <= 0 || height <= 0 || !sawEnd)
        {
            throw new InvalidDataException("PNG without IHDR or IEND.");
        }
        var channels = colourType == 6 ? 4 : 3;
        var rowBytes = width * channels;
        var raw = new byte[(rowBytes + 1) * height];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.ReadExactly(raw);
        }
        var pixels = new byte[rowBytes * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (rowBytes + 1)];
            var src = raw.AsSpan((y * (rowBytes + 1)) + 1, rowBytes);
            var dst = pixels.AsSpan(y * rowBytes, rowBytes);
            var prev = y > 0 ? pixels.AsSpan((y - 1) * rowBytes, rowBytes) : new byte[rowBytes];
            for (var i = 0; i < rowBytes; i++)
            {
                int a = i >= channels ? dst[i - channels] : 0;
                int b = prev[i];
                int c = i >= channels ? prev[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Bad filter {filter} on row {y}."),
                };
                dst[i] = (byte)(src[i] + predictor);
            }
        }
        return new PngImage(width, height, channels, pixels);
    }

    /// <summary>Red, green, blue at (x, y); the chart is opaque so alpha is ignored.</summary>
    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        var i = ((y * Width) + x) * _channels;
        return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    /// <summary>CRC-32 straight from the definition (PNG spec annex D), one bit at a time.</summary>
    internal static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }
        return ~c;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
