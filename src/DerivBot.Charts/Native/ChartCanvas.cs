using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace DerivBot.Charts.Native;

internal enum TextAlign { Left, Center, Right }

/// <summary>
/// One render's own opaque 32-bit bitmap, drawn with SkiaSharp. Painters see only these drawing methods (the same
/// ones the cairo canvas had), so a painter never touches SkiaSharp types. Never shared between threads: concurrent
/// renders each own one; the typefaces in <see cref="FontFaces"/> are immutable and shared.
/// </summary>
internal sealed class ChartCanvas : IDisposable
{
    /// <summary>
    /// zlib level for PNG output. Charts are large flat areas and rows repeated by the stretched heatmap cells: the
    /// fastest level is several times quicker than the default (6) for a few percent more bytes.
    /// </summary>
    internal const int PngZlibLevel = 1;

    /// <summary>"Up" turns rows repeated by stretched cells, bars and flat areas into zeros, which zlib packs best.</summary>
    internal const SKPngEncoderFilterFlags PngFilter = SKPngEncoderFilterFlags.Up;

    private readonly FontFaces _faces;
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeJoin = SKStrokeJoin.Round };
    private readonly SKPaint _image = new();
    private readonly SKFont _font;
    private readonly SKPathBuilder _path = new();

    /// <summary>A canvas drawing text with <paramref name="faces"/> (shared, owned by the caller).</summary>
    public ChartCanvas(FontFaces faces, int width, int height)
    {
        _faces = faces;
        Width = width;
        Height = height;
        // Opaque: the painters cover the page first, and the PNG is written as RGB (a quarter fewer bytes to deflate).
        _bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        if (_bitmap.GetPixels() == 0)
        {
            _bitmap.Dispose();
            throw new InvalidOperationException($"SkiaSharp could not allocate a {width}×{height} bitmap.");
        }
        _canvas = new SKCanvas(_bitmap);
        _font = new SKFont(faces.Regular, 12) { Edging = SKFontEdging.Antialias, Subpixel = true, Hinting = SKFontHinting.Slight };
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The family text is drawn with (the typefaces' own name, e.g. "DerivBot Sans TC").</summary>
    public string FontFamily => _faces.Family;

    public void SetColor(Rgba c) => _fill.Color = c.ToSk();

    public void FillRect(double x, double y, double w, double h, Rgba c)
    {
        SetColor(c);
        _canvas.DrawRect(SKRect.Create((float)x, (float)y, (float)w, (float)h), _fill);
    }

    public void StrokeRect(double x, double y, double w, double h, Rgba c, double width)
    {
        Stroke(c, width);
        _canvas.DrawRect(SKRect.Create((float)x, (float)y, (float)w, (float)h), _stroke);
    }

    public void Line(double x1, double y1, double x2, double y2, Rgba c, double width, double dash = 0)
    {
        Stroke(c, width);
        if (dash > 0)
        {
            using var effect = SKPathEffect.CreateDash([(float)dash, (float)dash], 0);
            _stroke.PathEffect = effect;
            _canvas.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, _stroke);
            _stroke.PathEffect = null;
        }
        else
        {
            _canvas.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, _stroke);
        }
    }

    /// <summary>
    /// Points closer than this (in both x and y, pixels) to the last one kept are skipped. A day of 1-minute prices is
    /// ~1.4 points per pixel; stroking every one with round joins doubled the heatmap's paint time for no visible change
    /// (a skipped point is within a pixel of the line drawn).
    /// </summary>
    private const double MinStep = 1.0;

    /// <summary>Strokes a polyline through <paramref name="xs"/>/<paramref name="ys"/>; NaN points break the line.</summary>
    public void Polyline(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, Rgba c, double width)
    {
        _path.Reset();
        var pen = false;
        var any = false;
        var (lastX, lastY) = (0.0, 0.0);
        var pending = false;
        for (var i = 0; i < xs.Length; i++)
        {
            if (double.IsNaN(xs[i]) || double.IsNaN(ys[i]))
            {
                if (pending)
                {
                    _path.LineTo((float)xs[i - 1], (float)ys[i - 1]);
                    any = true;
                }
                pen = false;
                pending = false;
                continue;
            }
            if (!pen)
            {
                _path.MoveTo((float)xs[i], (float)ys[i]);
                (lastX, lastY, pen) = (xs[i], ys[i], true);
            }
            else if (Math.Abs(xs[i] - lastX) >= MinStep || Math.Abs(ys[i] - lastY) >= MinStep)
            {
                _path.LineTo((float)xs[i], (float)ys[i]);
                (lastX, lastY, any, pending) = (xs[i], ys[i], true, false);
            }
            else
            {
                pending = true;
            }
        }
        if (pending)
        {
            // The line still ends exactly at its last point.
            _path.LineTo((float)xs[^1], (float)ys[^1]);
            any = true;
        }
        using var path = _path.Detach();
        if (any)
        {
            Stroke(c, width);
            _canvas.DrawPath(path, _stroke);
        }
    }

    /// <summary>Fills the area between a polyline and the horizontal line at <paramref name="baseY"/>.</summary>
    public void Area(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double baseY, Rgba c)
    {
        if (xs.Length < 2)
        {
            return;
        }
        _path.Reset();
        _path.MoveTo((float)xs[0], (float)baseY);
        _path.LineTo((float)xs[0], (float)ys[0]);
        var (lastX, lastY) = (xs[0], ys[0]);
        for (var i = 1; i < xs.Length; i++)
        {
            if (i == xs.Length - 1 || Math.Abs(xs[i] - lastX) >= MinStep || Math.Abs(ys[i] - lastY) >= MinStep)
            {
                _path.LineTo((float)xs[i], (float)ys[i]);
                (lastX, lastY) = (xs[i], ys[i]);
            }
        }
        _path.LineTo((float)xs[^1], (float)baseY);
        _path.Close();
        using var path = _path.Detach();
        SetColor(c);
        _canvas.DrawPath(path, _fill);
    }

    /// <summary>
    /// Clips everything drawn until <see cref="Restore"/> to a rectangle, snapped to whole pixels: plot rectangles are
    /// axis-aligned (whole pixels at 1280×720), and an anti-aliased clip makes every draw inside it go through a mask.
    /// </summary>
    public void PushClip(double x, double y, double w, double h)
    {
        _canvas.Save();
        _canvas.ClipRect(SKRect.Create((float)x, (float)y, (float)w, (float)h), SKClipOperation.Intersect, antialias: false);
    }

    public void Restore() => _canvas.Restore();

    /// <summary>
    /// Draws a <paramref name="columns"/>×<paramref name="rows"/> bitmap (filled by <paramref name="fill"/> with
    /// premultiplied 0xAARRGGBB pixels, row 0 at the top) stretched over a rectangle without smoothing, so each
    /// cell stays a crisp block. One image blit instead of one rectangle per cell keeps large grids fast.
    /// </summary>
    public void DrawCells(int columns, int rows, double x, double y, double w, double h, CellFiller fill)
    {
        if (columns <= 0 || rows <= 0)
        {
            return;
        }
        var pixels = ArrayPool<uint>.Shared.Rent(columns * rows);
        try
        {
            for (var row = 0; row < rows; row++)
            {
                fill(row, pixels.AsSpan(row * columns, columns));
            }
            // Bgra8888 in memory is 0xAARRGGBB as a little-endian uint, the layout the fillers write.
            var info = new SKImageInfo(columns, rows, SKColorType.Bgra8888, SKAlphaType.Premul);
            using var image = SKImage.FromPixelCopy(info, MemoryMarshal.AsBytes(pixels.AsSpan(0, columns * rows)), columns * 4)
                ?? throw new InvalidOperationException($"SkiaSharp could not create a {columns}×{rows} cell image.");
            _canvas.DrawImage(image, SKRect.Create(columns, rows), SKRect.Create((float)x, (float)y, (float)w, (float)h),
                new SKSamplingOptions(SKFilterMode.Nearest), _image);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(pixels);
        }
    }

    public void SetFont(double size, bool bold)
    {
        _font.Typeface = bold ? _faces.Bold : _faces.Regular;
        _font.Embolden = bold && _faces.FakeBold;
        _font.Size = (float)size;
    }

    /// <summary>Horizontal advance of <paramref name="text"/> in the current font.</summary>
    public double MeasureText(string text) => text.Length == 0 ? 0 : _font.MeasureText(text);

    /// <summary>Ascent and descent of the current font (both positive), for vertical centring.</summary>
    public (double Ascent, double Descent) FontMetrics()
    {
        var m = _font.Metrics;
        return (-m.Ascent, m.Descent);
    }

    /// <summary>Draws text with its baseline at <paramref name="baselineY"/>; returns the advance width.</summary>
    public double Text(string text, double x, double baselineY, Rgba c, TextAlign align = TextAlign.Left)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        var advance = _font.MeasureText(text);
        var left = align switch
        {
            TextAlign.Center => x - (advance / 2),
            TextAlign.Right => x - advance,
            _ => x,
        };
        SetColor(c);
        _canvas.DrawText(text, (float)left, (float)baselineY, SKTextAlign.Left, _font, _fill);
        return advance;
    }

    /// <summary>How many characters of <paramref name="text"/> the current font has no glyph for (drawn as "tofu").</summary>
    public int MissingGlyphs(string text) => FontFaces.MissingGlyphs(_font.Typeface ?? _faces.Regular, text);

    /// <summary>Encodes the finished bitmap as an opaque RGB PNG (SkiaSharp's encoder, fast zlib level).</summary>
    public byte[] ToPng() => ToPng(new SKPngEncoderOptions(PngFilter, PngZlibLevel));

    /// <summary>As <see cref="ToPng()"/> with other encoder settings (benchmarks compare them).</summary>
    internal unsafe byte[] ToPng(SKPngEncoderOptions options)
    {
        _canvas.Flush();
        // SkiaSharp's PNG encoder converts 32-bit BGRA rows to RGB slowly (about as long as painting the whole chart,
        // measured here) but takes RGBX rows nearly as they are. So the red and blue bytes are swapped here (SIMD,
        // ~1 ms) into an RGBX copy, and SkiaSharp encodes that. Painting stays in BGRA, Skia's fast native format.
        using var rgbx = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgb888x, SKAlphaType.Opaque));
        if (rgbx.RowBytes != _bitmap.RowBytes || rgbx.GetPixels() == 0)
        {
            throw new InvalidOperationException($"SkiaSharp could not allocate a {Width}×{Height} RGBX copy for encoding.");
        }
        var count = _bitmap.RowBytes / 4 * Height;
        SwapRedBlue(new ReadOnlySpan<uint>((void*)_bitmap.GetPixels(), count), new Span<uint>((void*)rgbx.GetPixels(), count));
        using var pixmap = rgbx.PeekPixels();
        using var data = pixmap.Encode(options)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }

    /// <summary>BGRA → RGBA (as little-endian words: 0xAARRGGBB → 0xAABBGGRR), vectorized where the CPU allows.</summary>
    internal static void SwapRedBlue(ReadOnlySpan<uint> source, Span<uint> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var keep = new Vector<uint>(0xFF00FF00u);
            var low = new Vector<uint>(0xFFu);
            for (; i <= source.Length - Vector<uint>.Count; i += Vector<uint>.Count)
            {
                var v = new Vector<uint>(source[i..]);
                ((v & keep) | (Vector.ShiftRightLogical(v, 16) & low) | Vector.ShiftLeft(v & low, 16)).CopyTo(target[i..]);
            }
        }
        for (; i < source.Length; i++)
        {
            var v = source[i];
            target[i] = (v & 0xFF00FF00u) | ((v >> 16) & 0xFFu) | ((v & 0xFFu) << 16);
        }
    }

    private void Stroke(Rgba c, double width)
    {
        _stroke.Color = c.ToSk();
        _stroke.StrokeWidth = (float)width;
    }

    public void Dispose()
    {
        _path.Dispose();
        _font.Dispose();
        _image.Dispose();
        _stroke.Dispose();
        _fill.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}

/// <summary>Fills one row of a cell bitmap (premultiplied 0xAARRGGBB).</summary>
internal delegate void CellFiller(int row, Span<uint> pixels);
