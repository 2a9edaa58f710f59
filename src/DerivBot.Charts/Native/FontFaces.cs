namespace DerivBot.Charts.Native;

/// <summary>
/// A family's regular and bold cairo font faces, created once and shared by every render. Selecting a face by name
/// on each label (<c>cairo_select_font_face</c>) builds a toy face per call and resolves it through fontconfig whenever
/// cairo's cache has let it go; holding the faces keeps that work out of the render. cairo font faces are immutable
/// and reference-counted atomically, so concurrent renders may share them.
/// </summary>
internal sealed unsafe class FontFaces : IDisposable
{
    private readonly CairoApi _api;
    private nint _regular;
    private nint _bold;

    private FontFaces(CairoApi api, string family, nint regular, nint bold)
    {
        _api = api;
        Family = family;
        _regular = regular;
        _bold = bold;
    }

    /// <summary>The fontconfig family name the faces were created for.</summary>
    public string Family { get; }

    public nint Regular => _regular;

    public nint Bold => _bold;

    public static FontFaces Create(CairoApi api, string family)
    {
        var name = CairoApi.Utf8Z(family);
        nint regular, bold;
        fixed (byte* n = name)
        {
            regular = api.ToyFontFaceCreate(n, CairoApi.FontSlantNormal, CairoApi.FontWeightNormal);
            bold = api.ToyFontFaceCreate(n, CairoApi.FontSlantNormal, CairoApi.FontWeightBold);
        }
        if (api.FontFaceStatus(regular) != CairoApi.StatusSuccess || api.FontFaceStatus(bold) != CairoApi.StatusSuccess)
        {
            api.FontFaceDestroy(regular);
            api.FontFaceDestroy(bold);
            throw new InvalidOperationException($"cairo could not create a font face for '{family}'.");
        }
        return new FontFaces(api, family, regular, bold);
    }

    public void Dispose()
    {
        if (_regular != 0)
        {
            _api.FontFaceDestroy(_regular);
            _api.FontFaceDestroy(_bold);
            _regular = 0;
            _bold = 0;
        }
    }
}
