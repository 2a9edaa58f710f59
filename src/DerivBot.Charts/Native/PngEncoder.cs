using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace DerivBot.Charts.Native;

/// <summary>PNG row filter applied before compression (PNG spec §9).</summary>
internal enum PngFilter : byte
{
    None = 0,
    Sub = 1,
    Up = 2,
}

/// <summary>
/// Encodes a finished cairo ARGB32 image as an opaque 8-bit RGB PNG (colour type 2). Replaces
/// <c>cairo_surface_write_to_png_stream</c>, which spent most of a render in libpng: zlib at its default level over
/// four channels. Charts are opaque, so alpha is dropped (a quarter less data), rows get one cheap filter, and zlib
/// runs at its fastest level. Buffers come from <see cref="ArrayPool{T}"/>: the only managed allocation that grows
/// with the image is the returned PNG itself.
/// </summary>
internal static unsafe class PngEncoder
{
    /// <summary>
    /// The filter used for charts: Up turns every row that repeats the one above (page, plot background, the tall
    /// stretched heatmap cells, the colour bar) into zeros, which zlib's fastest level compresses both smallest and
    /// fastest of the three. Measured against None and Sub in <c>HeatmapPngEncodeBenchmarks</c> (see docs/charts.md).
    /// </summary>
    public const PngFilter DefaultFilter = PngFilter.Up;

    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    // IEND has no data, so its chunk (length 0, type, CRC of the type) is a constant.
    private static ReadOnlySpan<byte> End => [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    /// <summary>Rows are handed to zlib in batches of about this many bytes (fewer native calls than one per row).</summary>
    private const int BatchBytes = 64 * 1024;

    /// <summary>
    /// Encodes <paramref name="height"/> rows of <paramref name="width"/> native-endian premultiplied 0xAARRGGBB pixels
    /// starting at <paramref name="pixels"/>, <paramref name="stride"/> bytes apart. Pixels that are not fully opaque
    /// come out as if composited over black (that is what premultiplied components are); chart painters fill the page
    /// first, so every pixel is opaque.
    /// </summary>
    public static byte[] Encode(
        byte* pixels, int width, int height, int stride, PngFilter filter = DefaultFilter,
        CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, width * 4);
        var rowBytes = (width * 3) + 1;
        var rowsPerBatch = Math.Max(1, BatchBytes / rowBytes);
        // Charts compress to roughly a tenth of their raw RGB size; start there and let the buffer grow if needed.
        using var output = new PooledOutput(Math.Max(4096, width * height * 3 / 10));
        var batch = ArrayPool<byte>.Shared.Rent(rowBytes * rowsPerBatch);
        var previous = filter == PngFilter.Up ? ArrayPool<byte>.Shared.Rent(width * 3) : null;
        try
        {
            output.Write(Signature);
            Span<byte> header = stackalloc byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
            header[8] = 8;   // bit depth
            header[9] = 2;   // colour type: RGB
            header[10] = 0;  // compression: deflate
            header[11] = 0;  // filter method 0
            header[12] = 0;  // no interlace
            WriteChunk(output, "IHDR"u8, header);

            // One IDAT chunk: write a placeholder length, stream the compressed rows, then patch the length.
            var idatStart = output.Count;
            output.Write([0, 0, 0, 0, (byte)'I', (byte)'D', (byte)'A', (byte)'T']);
            previous?.AsSpan(0, width * 3).Clear();
            using (var z = new ZLibStream(output, level, leaveOpen: true))
            {
                for (var y = 0; y < height; y += rowsPerBatch)
                {
                    var rows = Math.Min(rowsPerBatch, height - y);
                    fixed (byte* b = batch)
                    {
                        for (var r = 0; r < rows; r++)
                        {
                            var src = pixels + ((long)(y + r) * stride);
                            var dst = b + (r * rowBytes);
                            switch (filter)
                            {
                                case PngFilter.Sub:
                                    SubRow(src, dst, width);
                                    break;
                                case PngFilter.Up:
                                    fixed (byte* p = previous)
                                    {
                                        UpRow(src, dst, p, width);
                                    }
                                    break;
                                default:
                                    NoneRow(src, dst, width);
                                    break;
                            }
                        }
                    }
                    z.Write(batch, 0, rows * rowBytes);
                }
            }
            var dataLength = output.Count - idatStart - 8;
            BinaryPrimitives.WriteInt32BigEndian(output.Written.Slice(idatStart, 4), dataLength);
            WriteCrc(output, Crc32.Compute(output.Written.Slice(idatStart + 4, dataLength + 4)));
            output.Write(End);
            return output.Written.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
            if (previous is not null)
            {
                ArrayPool<byte>.Shared.Return(previous);
            }
        }
    }

    private static void NoneRow(byte* src, byte* dst, int width)
    {
        *dst++ = (byte)PngFilter.None;
        var px = (uint*)src;
        for (var x = 0; x < width; x++)
        {
            var p = px[x];
            dst[0] = (byte)(p >> 16);
            dst[1] = (byte)(p >> 8);
            dst[2] = (byte)p;
            dst += 3;
        }
    }

    private static void SubRow(byte* src, byte* dst, int width)
    {
        *dst++ = (byte)PngFilter.Sub;
        var px = (uint*)src;
        uint left = 0;
        for (var x = 0; x < width; x++)
        {
            var p = px[x];
            dst[0] = (byte)((p >> 16) - (left >> 16));
            dst[1] = (byte)((p >> 8) - (left >> 8));
            dst[2] = (byte)(p - left);
            left = p;
            dst += 3;
        }
    }

    /// <summary>Up filter; <paramref name="previous"/> holds the previous row's RGB and is updated to this row's.</summary>
    private static void UpRow(byte* src, byte* dst, byte* previous, int width)
    {
        *dst++ = (byte)PngFilter.Up;
        var px = (uint*)src;
        for (var x = 0; x < width; x++)
        {
            var p = px[x];
            var r = (byte)(p >> 16);
            var g = (byte)(p >> 8);
            var b = (byte)p;
            dst[0] = (byte)(r - previous[0]);
            dst[1] = (byte)(g - previous[1]);
            dst[2] = (byte)(b - previous[2]);
            previous[0] = r;
            previous[1] = g;
            previous[2] = b;
            dst += 3;
            previous += 3;
        }
    }

    private static void WriteChunk(PooledOutput output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAt = output.Count;
        output.Write(type);
        output.Write(data);
        WriteCrc(output, Crc32.Compute(output.Written.Slice(typeAt, type.Length + data.Length)));
    }

    private static void WriteCrc(PooledOutput output, uint crc)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, crc);
        output.Write(bytes);
    }

    /// <summary>A write-only stream over a pooled, growing buffer (no MemoryStream doubling into fresh arrays).</summary>
    private sealed class PooledOutput : Stream
    {
        private byte[] _buffer;

        public PooledOutput(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        /// <summary>Bytes written so far.</summary>
        public int Count => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        private int _length;

        public Span<byte> Written => _buffer.AsSpan(0, _length);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_length + buffer.Length > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            buffer.CopyTo(_buffer.AsSpan(_length));
            _length += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
                _length = 0;
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>CRC-32 as PNG (and zip, Ethernet) define it: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF.</summary>
internal static class Crc32
{
    // Slicing-by-4 tables: four bytes per step instead of one, for the ~100–300 KB of each IDAT chunk.
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var t = new uint[4 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[n] = c;
        }
        for (var n = 0; n < 256; n++)
        {
            for (var s = 1; s < 4; s++)
            {
                var prev = t[((s - 1) * 256) + n];
                t[(s * 256) + n] = (prev >> 8) ^ t[prev & 0xFF];
            }
        }
        return t;
    }

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (a finished CRC of earlier bytes, 0 for none) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        var c = ~crc;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            c ^= BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            c = t[768 + (c & 0xFF)] ^ t[512 + ((c >> 8) & 0xFF)] ^ t[256 + ((c >> 16) & 0xFF)] ^ t[c >> 24];
        }
        for (; i < data.Length; i++)
        {
            c = t[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        }
        return ~c;
    }
}
