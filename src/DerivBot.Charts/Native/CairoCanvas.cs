using System.Runtime.InteropServices;

namespace DerivBot.Charts.Native;

/// <summary>A colour with components in 0..1.</summary>
internal readonly record struct Rgba(double R, double G, double B, double A = 1)
{
    public static Rgba FromBytes(byte r, byte g, byte b, double a = 1) => new(r / 255.0, g / 255.0, b / 255.0, a);

    public Rgba WithAlpha(double a) => this with { A = a };
}

internal enum TextAlign { Left, Center, Right }

/// <summary>
/// One render's own ARGB32 surface and cairo context. Never shared between threads: concurrent renders each own one,
/// which is what makes the renderer thread-safe (cairo's font caches are internally locked).
/// </summary>
internal sealed unsafe class CairoCanvas : IDisposable
{
    private readonly CairoApi _api;
    private readonly FontFaces _faces;
    private readonly FontFaces? _ownedFaces;
    private nint _surface;
    private nint _cr;
    private double _fontSize = -1;
    private bool? _bold;

    /// <summary>A canvas drawing text with <paramref name="faces"/> (shared, owned by the caller).</summary>
    public CairoCanvas(CairoApi api, FontFaces faces, int width, int height)
    {
        _api = api;
        _faces = faces;
        Width = width;
        Height = height;
        _surface = api.ImageSurfaceCreate(CairoApi.FormatArgb32, width, height);
        var status = api.SurfaceStatus(_surface);
        if (status != CairoApi.StatusSuccess)
        {
            api.SurfaceDestroy(_surface);
            _surface = 0;
            throw new InvalidOperationException($"cairo could not create a {width}×{height} image surface (status {status}).");
        }
        _cr = api.Create(_surface);
        api.SetLineJoin(_cr, CairoApi.LineJoinRound);
        SetFont(12, bold: false);
    }

    /// <summary>A canvas with its own faces for <paramref name="fontFamily"/> (probes and tests; renders share faces).</summary>
    public CairoCanvas(CairoApi api, string fontFamily, int width, int height)
        : this(api, FontFaces.Create(api, fontFamily), width, height, owned: true)
    {
    }

    private CairoCanvas(CairoApi api, FontFaces faces, int width, int height, bool owned)
        : this(api, faces, width, height)
    {
        _ownedFaces = owned ? faces : null;
    }

    public int Width { get; }

    public int Height { get; }

    public void SetColor(Rgba c) => _api.SetSourceRgba(_cr, c.R, c.G, c.B, c.A);

    public void FillRect(double x, double y, double w, double h, Rgba c)
    {
        SetColor(c);
        _api.Rectangle(_cr, x, y, w, h);
        _api.Fill(_cr);
    }

    public void StrokeRect(double x, double y, double w, double h, Rgba c, double width)
    {
        SetColor(c);
        _api.SetLineWidth(_cr, width);
        _api.Rectangle(_cr, x, y, w, h);
        _api.Stroke(_cr);
    }

    public void Line(double x1, double y1, double x2, double y2, Rgba c, double width, double dash = 0)
    {
        SetColor(c);
        _api.SetLineWidth(_cr, width);
        SetDash(dash);
        _api.MoveTo(_cr, x1, y1);
        _api.LineTo(_cr, x2, y2);
        _api.Stroke(_cr);
        SetDash(0);
    }

    /// <summary>Strokes a polyline through <paramref name="xs"/>/<paramref name="ys"/>; NaN points break the line.</summary>
    public void Polyline(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, Rgba c, double width)
    {
        if (!TracePolyline(xs, ys))
        {
            return;
        }
        SetColor(c);
        _api.SetLineWidth(_cr, width);
        _api.Stroke(_cr);
    }

    /// <summary>Fills the area between a polyline and the horizontal line at <paramref name="baseY"/>.</summary>
    public void Area(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double baseY, Rgba c)
    {
        if (xs.Length < 2)
        {
            return;
        }
        _api.NewPath(_cr);
        _api.MoveTo(_cr, xs[0], baseY);
        for (var i = 0; i < xs.Length; i++)
        {
            _api.LineTo(_cr, xs[i], ys[i]);
        }
        _api.LineTo(_cr, xs[^1], baseY);
        _api.ClosePath(_cr);
        SetColor(c);
        _api.Fill(_cr);
    }

    private bool TracePolyline(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        _api.NewPath(_cr);
        var pen = false;
        var any = false;
        for (var i = 0; i < xs.Length; i++)
        {
            if (double.IsNaN(xs[i]) || double.IsNaN(ys[i]))
            {
                pen = false;
                continue;
            }
            if (pen)
            {
                _api.LineTo(_cr, xs[i], ys[i]);
                any = true;
            }
            else
            {
                _api.MoveTo(_cr, xs[i], ys[i]);
                pen = true;
            }
        }
        return any;
    }

    /// <summary>Clips everything drawn until <see cref="Restore"/> to a rectangle.</summary>
    public void PushClip(double x, double y, double w, double h)
    {
        _api.Save(_cr);
        _api.Rectangle(_cr, x, y, w, h);
        _api.Clip(_cr);
    }

    public void Restore() => _api.Restore(_cr);

    /// <summary>
    /// Draws a <paramref name="columns"/>×<paramref name="rows"/> bitmap (filled by <paramref name="fill"/> with
    /// premultiplied 0xAARRGGBB pixels, row 0 at the top) stretched over a rectangle without smoothing, so each
    /// cell stays a crisp block. One paint instead of one path per cell keeps large grids fast.
    /// </summary>
    public void DrawCells(int columns, int rows, double x, double y, double w, double h, CellFiller fill)
    {
        var cells = _api.ImageSurfaceCreate(CairoApi.FormatArgb32, columns, rows);
        try
        {
            if (_api.SurfaceStatus(cells) != CairoApi.StatusSuccess)
            {
                throw new InvalidOperationException($"cairo could not create a {columns}×{rows} cell surface.");
            }
            _api.SurfaceFlush(cells);
            var data = _api.ImageSurfaceGetData(cells);
            var stride = _api.ImageSurfaceGetStride(cells);
            for (var row = 0; row < rows; row++)
            {
                fill(row, new Span<uint>(data + (row * stride), columns));
            }
            _api.SurfaceMarkDirty(cells);
            _api.Save(_cr);
            _api.Translate(_cr, x, y);
            _api.Scale(_cr, w / columns, h / rows);
            _api.SetSourceSurface(_cr, cells, 0, 0);
            _api.PatternSetFilter(_api.GetSource(_cr), CairoApi.FilterNearest);
            _api.Rectangle(_cr, 0, 0, columns, rows);
            _api.Fill(_cr);
            _api.Restore(_cr);
        }
        finally
        {
            _api.SurfaceDestroy(cells);
        }
    }

    public void SetFont(double size, bool bold)
    {
        if (bold != _bold)
        {
            _api.SetFontFace(_cr, bold ? _faces.Bold : _faces.Regular);
            _bold = bold;
            _fontSize = -1;
        }
        if (size != _fontSize)
        {
            _api.SetFontSize(_cr, size);
            _fontSize = size;
        }
    }

    /// <summary>Horizontal advance of <paramref name="text"/> in the current font.</summary>
    public double MeasureText(string text)
    {
        var max = CairoApi.MaxUtf8Z(text);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        CairoApi.Utf8Z(text, bytes);
        TextExtents e;
        fixed (byte* t = bytes)
        {
            _api.TextExtentsOf(_cr, t, &e);
        }
        return e.XAdvance;
    }

    /// <summary>Ascent and descent of the current font, for vertical centring.</summary>
    public (double Ascent, double Descent) FontMetrics()
    {
        FontExtents e;
        _api.FontExtentsOf(_cr, &e);
        return (e.Ascent, e.Descent);
    }

    /// <summary>Draws text with its baseline at <paramref name="baselineY"/>; returns the advance width.</summary>
    public double Text(string text, double x, double baselineY, Rgba c, TextAlign align = TextAlign.Left)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        var max = CairoApi.MaxUtf8Z(text);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        CairoApi.Utf8Z(text, bytes);
        fixed (byte* t = bytes)
        {
            TextExtents e;
            _api.TextExtentsOf(_cr, t, &e);
            var left = align switch
            {
                TextAlign.Center => x - (e.XAdvance / 2),
                TextAlign.Right => x - e.XAdvance,
                _ => x,
            };
            SetColor(c);
            _api.MoveTo(_cr, left, baselineY);
            _api.ShowText(_cr, t);
            _api.NewPath(_cr);
            return e.XAdvance;
        }
    }

    /// <summary>How many characters of <paramref name="text"/> the current font has no glyph for (drawn as "tofu").</summary>
    public int MissingGlyphs(string text)
    {
        var bytes = CairoApi.Utf8Z(text);
        var scaled = _api.GetScaledFont(_cr);
        Glyph* glyphs = null;
        var count = 0;
        fixed (byte* t = bytes)
        {
            var status = _api.ScaledFontTextToGlyphs(scaled, 0, 0, t, bytes.Length - 1, &glyphs, &count, 0, 0, 0);
            if (status != CairoApi.StatusSuccess)
            {
                return text.Length;
            }
        }
        try
        {
            var missing = 0;
            for (var i = 0; i < count; i++)
            {
                if (glyphs[i].Index == 0)
                {
                    missing++;
                }
            }
            return missing;
        }
        finally
        {
            _api.GlyphFree(glyphs);
        }
    }

    /// <summary>Encodes the finished surface as an opaque RGB PNG with our own encoder (<see cref="PngEncoder"/>).</summary>
    public byte[] ToPng() => ToPng(PngEncoder.DefaultFilter);

    /// <summary>As <see cref="ToPng()"/> with a chosen row filter (benchmarks compare them).</summary>
    public byte[] ToPng(PngFilter filter)
    {
        ThrowIfFailed();
        _api.SurfaceFlush(_surface);
        return PngEncoder.Encode(_api.ImageSurfaceGetData(_surface), Width, Height, _api.ImageSurfaceGetStride(_surface), filter);
    }

    /// <summary>
    /// Encodes through cairo's own PNG writer (libpng, ARGB, zlib default level). Not used for charts — several times
    /// slower than <see cref="ToPng()"/> — but kept as the reference the encoder is tested and benchmarked against.
    /// </summary>
    public byte[] ToPngWithCairo()
    {
        ThrowIfFailed();
        _api.SurfaceFlush(_surface);
        using var stream = new MemoryStream(Width * Height / 4);
        var handle = GCHandle.Alloc(stream);
        int status;
        try
        {
            status = _api.SurfaceWriteToPngStream(_surface, &WriteChunk, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }
        if (status != CairoApi.StatusSuccess)
        {
            throw new InvalidOperationException($"cairo could not encode the PNG (status {status}).");
        }
        return stream.ToArray();
    }

    private void ThrowIfFailed()
    {
        var status = _api.Status(_cr);
        if (status != CairoApi.StatusSuccess)
        {
            throw new InvalidOperationException($"cairo drawing failed (status {status}).");
        }
    }

    [UnmanagedCallersOnly]
    private static int WriteChunk(nint closure, byte* data, uint length)
    {
        // An exception must never unwind into native code: report a write error to cairo instead.
        try
        {
            var stream = (MemoryStream)GCHandle.FromIntPtr(closure).Target!;
            stream.Write(new ReadOnlySpan<byte>(data, checked((int)length)));
            return CairoApi.StatusSuccess;
        }
        catch (Exception)
        {
            return CairoApi.StatusWriteError;
        }
    }

    private void SetDash(double dash)
    {
        if (dash > 0)
        {
            var pattern = stackalloc double[] { dash, dash };
            _api.SetDash(_cr, pattern, 2, 0);
        }
        else
        {
            _api.SetDash(_cr, null, 0, 0);
        }
    }

    public void Dispose()
    {
        if (_cr != 0)
        {
            _api.Destroy(_cr);
            _cr = 0;
        }
        if (_surface != 0)
        {
            _api.SurfaceDestroy(_surface);
            _surface = 0;
        }
        _ownedFaces?.Dispose();
    }
}

/// <summary>Fills one row of a cell bitmap (premultiplied 0xAARRGGBB).</summary>
internal delegate void CellFiller(int row, Span<uint> pixels);
