using System.Runtime.InteropServices;
using System.Text;

namespace DerivBot.Charts.Native;

/// <summary>
/// The part of cairo's C API we draw with, bound at run time from a library name so that a missing library is a
/// reported condition (and so tests can point at a library that does not exist). Function pointers instead of
/// <c>[LibraryImport]</c> because the library name comes from configuration, not from a compile-time constant.
/// The instance holds no cairo state: every render creates and destroys its own surface and context.
/// </summary>
internal sealed unsafe class CairoApi
{
    public const int FormatArgb32 = 0;
    public const int StatusSuccess = 0;
    public const int StatusWriteError = 11;
    public const int FontSlantNormal = 0;
    public const int FontWeightNormal = 0;
    public const int FontWeightBold = 1;
    public const int FilterNearest = 3;
    public const int LineJoinRound = 1;
    public const int LineCapButt = 0;

    // Surfaces.
    public readonly delegate* unmanaged<int, int, int, nint> ImageSurfaceCreate;
    public readonly delegate* unmanaged<nint, byte*> ImageSurfaceGetData;
    public readonly delegate* unmanaged<nint, int> ImageSurfaceGetStride;
    public readonly delegate* unmanaged<nint, void> SurfaceFlush;
    public readonly delegate* unmanaged<nint, void> SurfaceMarkDirty;
    public readonly delegate* unmanaged<nint, int> SurfaceStatus;
    public readonly delegate* unmanaged<nint, void> SurfaceDestroy;
    public readonly delegate* unmanaged<nint, delegate* unmanaged<nint, byte*, uint, int>, nint, int> SurfaceWriteToPngStream;

    // Contexts and state.
    public readonly delegate* unmanaged<nint, nint> Create;
    public readonly delegate* unmanaged<nint, void> Destroy;
    public readonly delegate* unmanaged<nint, int> Status;
    public readonly delegate* unmanaged<nint, void> Save;
    public readonly delegate* unmanaged<nint, void> Restore;
    public readonly delegate* unmanaged<nint, double, double, double, double, void> SetSourceRgba;
    public readonly delegate* unmanaged<nint, nint, double, double, void> SetSourceSurface;
    public readonly delegate* unmanaged<nint, nint> GetSource;
    public readonly delegate* unmanaged<nint, int, void> PatternSetFilter;
    public readonly delegate* unmanaged<nint, double, void> SetLineWidth;
    public readonly delegate* unmanaged<nint, int, void> SetLineJoin;
    public readonly delegate* unmanaged<nint, int, void> SetLineCap;
    public readonly delegate* unmanaged<nint, double*, int, double, void> SetDash;
    public readonly delegate* unmanaged<nint, double, double, void> Translate;
    public readonly delegate* unmanaged<nint, double, double, void> Scale;
    public readonly delegate* unmanaged<nint, double, void> Rotate;

    // Paths.
    public readonly delegate* unmanaged<nint, void> NewPath;
    public readonly delegate* unmanaged<nint, double, double, void> MoveTo;
    public readonly delegate* unmanaged<nint, double, double, void> LineTo;
    public readonly delegate* unmanaged<nint, double, double, double, double, void> Rectangle;
    public readonly delegate* unmanaged<nint, void> ClosePath;
    public readonly delegate* unmanaged<nint, void> Fill;
    public readonly delegate* unmanaged<nint, void> Stroke;
    public readonly delegate* unmanaged<nint, void> Clip;
    public readonly delegate* unmanaged<nint, void> Paint;

    // Text (the "toy" API: fontconfig resolves the family name; no per-glyph fallback, hence the CJK family choice).
    public readonly delegate* unmanaged<nint, byte*, int, int, void> SelectFontFace;
    public readonly delegate* unmanaged<byte*, int, int, nint> ToyFontFaceCreate;
    public readonly delegate* unmanaged<nint, int> FontFaceStatus;
    public readonly delegate* unmanaged<nint, void> FontFaceDestroy;
    public readonly delegate* unmanaged<nint, nint, void> SetFontFace;
    public readonly delegate* unmanaged<nint, double, void> SetFontSize;
    public readonly delegate* unmanaged<nint, byte*, void> ShowText;
    public readonly delegate* unmanaged<nint, byte*, TextExtents*, void> TextExtentsOf;
    public readonly delegate* unmanaged<nint, FontExtents*, void> FontExtentsOf;
    public readonly delegate* unmanaged<nint, nint> GetScaledFont;
    public readonly delegate* unmanaged<nint, double, double, byte*, int, Glyph**, int*, nint, nint, nint, int> ScaledFontTextToGlyphs;
    public readonly delegate* unmanaged<Glyph*, void> GlyphFree;
    public readonly delegate* unmanaged<byte*> VersionString;

    private CairoApi(nint lib)
    {
        ImageSurfaceCreate = (delegate* unmanaged<int, int, int, nint>)Export(lib, "cairo_image_surface_create");
        ImageSurfaceGetData = (delegate* unmanaged<nint, byte*>)Export(lib, "cairo_image_surface_get_data");
        ImageSurfaceGetStride = (delegate* unmanaged<nint, int>)Export(lib, "cairo_image_surface_get_stride");
        SurfaceFlush = (delegate* unmanaged<nint, void>)Export(lib, "cairo_surface_flush");
        SurfaceMarkDirty = (delegate* unmanaged<nint, void>)Export(lib, "cairo_surface_mark_dirty");
        SurfaceStatus = (delegate* unmanaged<nint, int>)Export(lib, "cairo_surface_status");
        SurfaceDestroy = (delegate* unmanaged<nint, void>)Export(lib, "cairo_surface_destroy");
        SurfaceWriteToPngStream = (delegate* unmanaged<nint, delegate* unmanaged<nint, byte*, uint, int>, nint, int>)
            Export(lib, "cairo_surface_write_to_png_stream");
        Create = (delegate* unmanaged<nint, nint>)Export(lib, "cairo_create");
        Destroy = (delegate* unmanaged<nint, void>)Export(lib, "cairo_destroy");
        Status = (delegate* unmanaged<nint, int>)Export(lib, "cairo_status");
        Save = (delegate* unmanaged<nint, void>)Export(lib, "cairo_save");
        Restore = (delegate* unmanaged<nint, void>)Export(lib, "cairo_restore");
        SetSourceRgba = (delegate* unmanaged<nint, double, double, double, double, void>)Export(lib, "cairo_set_source_rgba");
        SetSourceSurface = (delegate* unmanaged<nint, nint, double, double, void>)Export(lib, "cairo_set_source_surface");
        GetSource = (delegate* unmanaged<nint, nint>)Export(lib, "cairo_get_source");
        PatternSetFilter = (delegate* unmanaged<nint, int, void>)Export(lib, "cairo_pattern_set_filter");
        SetLineWidth = (delegate* unmanaged<nint, double, void>)Export(lib, "cairo_set_line_width");
        SetLineJoin = (delegate* unmanaged<nint, int, void>)Export(lib, "cairo_set_line_join");
        SetLineCap = (delegate* unmanaged<nint, int, void>)Export(lib, "cairo_set_line_cap");
        SetDash = (delegate* unmanaged<nint, double*, int, double, void>)Export(lib, "cairo_set_dash");
        Translate = (delegate* unmanaged<nint, double, double, void>)Export(lib, "cairo_translate");
        Scale = (delegate* unmanaged<nint, double, double, void>)Export(lib, "cairo_scale");
        Rotate = (delegate* unmanaged<nint, double, void>)Export(lib, "cairo_rotate");
        NewPath = (delegate* unmanaged<nint, void>)Export(lib, "cairo_new_path");
        MoveTo = (delegate* unmanaged<nint, double, double, void>)Export(lib, "cairo_move_to");
        LineTo = (delegate* unmanaged<nint, double, double, void>)Export(lib, "cairo_line_to");
        Rectangle = (delegate* unmanaged<nint, double, double, double, double, void>)Export(lib, "cairo_rectangle");
        ClosePath = (delegate* unmanaged<nint, void>)Export(lib, "cairo_close_path");
        Fill = (delegate* unmanaged<nint, void>)Export(lib, "cairo_fill");
        Stroke = (delegate* unmanaged<nint, void>)Export(lib, "cairo_stroke");
        Clip = (delegate* unmanaged<nint, void>)Export(lib, "cairo_clip");
        Paint = (delegate* unmanaged<nint, void>)Export(lib, "cairo_paint");
        SelectFontFace = (delegate* unmanaged<nint, byte*, int, int, void>)Export(lib, "cairo_select_font_face");
        ToyFontFaceCreate = (delegate* unmanaged<byte*, int, int, nint>)Export(lib, "cairo_toy_font_face_create");
        FontFaceStatus = (delegate* unmanaged<nint, int>)Export(lib, "cairo_font_face_status");
        FontFaceDestroy = (delegate* unmanaged<nint, void>)Export(lib, "cairo_font_face_destroy");
        SetFontFace = (delegate* unmanaged<nint, nint, void>)Export(lib, "cairo_set_font_face");
        SetFontSize = (delegate* unmanaged<nint, double, void>)Export(lib, "cairo_set_font_size");
        ShowText = (delegate* unmanaged<nint, byte*, void>)Export(lib, "cairo_show_text");
        TextExtentsOf = (delegate* unmanaged<nint, byte*, TextExtents*, void>)Export(lib, "cairo_text_extents");
        FontExtentsOf = (delegate* unmanaged<nint, FontExtents*, void>)Export(lib, "cairo_font_extents");
        GetScaledFont = (delegate* unmanaged<nint, nint>)Export(lib, "cairo_get_scaled_font");
        ScaledFontTextToGlyphs = (delegate* unmanaged<nint, double, double, byte*, int, Glyph**, int*, nint, nint, nint, int>)
            Export(lib, "cairo_scaled_font_text_to_glyphs");
        GlyphFree = (delegate* unmanaged<Glyph*, void>)Export(lib, "cairo_glyph_free");
        VersionString = (delegate* unmanaged<byte*>)Export(lib, "cairo_version_string");
    }

    /// <summary>cairo's version, e.g. "1.16.0".</summary>
    public string Version => Marshal.PtrToStringUTF8((nint)VersionString()) ?? "?";

    /// <summary>Loads <paramref name="libraryName"/> and binds every function; false with a reason when that fails.</summary>
    public static bool TryLoad(string libraryName, out CairoApi? api, out string? error)
    {
        api = null;
        if (!NativeLibrary.TryLoad(libraryName, out var handle))
        {
            error = $"the native library '{libraryName}' could not be loaded";
            return false;
        }
        try
        {
            api = new CairoApi(handle);
            error = null;
            return true;
        }
        catch (EntryPointNotFoundException ex)
        {
            error = $"'{libraryName}' is not a usable cairo library ({ex.Message})";
            return false;
        }
    }

    private static nint Export(nint lib, string name) =>
        NativeLibrary.TryGetExport(lib, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"missing export {name}");

    /// <summary>UTF-8, NUL-terminated, for cairo's <c>const char*</c> parameters.</summary>
    public static byte[] Utf8Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>Longest UTF-8 encoding (plus NUL) of <paramref name="text"/>, to size a stack buffer for <see cref="Utf8Z(string, Span{byte})"/>.</summary>
    public static int MaxUtf8Z(string text) => Encoding.UTF8.GetMaxByteCount(text.Length) + 1;

    /// <summary>UTF-8, NUL-terminated, into <paramref name="buffer"/> (labels are short: no allocation per label); returns the byte count without the NUL.</summary>
    public static int Utf8Z(string text, Span<byte> buffer)
    {
        var n = Encoding.UTF8.GetBytes(text, buffer);
        buffer[n] = 0;
        return n;
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct TextExtents
{
    public double XBearing;
    public double YBearing;
    public double Width;
    public double Height;
    public double XAdvance;
    public double YAdvance;
}

[StructLayout(LayoutKind.Sequential)]
internal struct FontExtents
{
    public double Ascent;
    public double Descent;
    public double Height;
    public double MaxXAdvance;
    public double MaxYAdvance;
}

[StructLayout(LayoutKind.Sequential)]
internal struct Glyph
{
    public ulong Index;
    public double X;
    public double Y;
}
