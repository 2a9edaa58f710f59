using BenchmarkDotNet.Attributes;
using DerivBot.Charts;
using DerivBot.Charts.Native;

namespace DerivBot.Benchmarks.Charts;

/// <summary>
/// Where a heatmap render's time goes: painting alone, and encoding the same finished 1280×720 surface with cairo's
/// own PNG writer (libpng, ARGB, zlib default level — what renders used before) versus our encoder with each row filter
/// (RGB, zlib fastest). The encoded sizes are printed once in the setup.
/// </summary>
[MemoryDiagnoser]
public class HeatmapPngEncodeBenchmarks
{
    private CairoApi _cairo = null!;
    private FontFaces _faces = null!;
    private CairoCanvas _painted = null!;
    private DerivBot.Core.Charts.HeatmapChartSpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        var renderer = new CairoChartRenderer(new ChartsOptions());
        if (!renderer.IsAvailable || !CairoApi.TryLoad(new ChartsOptions().CairoLibrary, out var cairo, out _))
        {
            throw new InvalidOperationException(renderer.UnavailableReason ?? "cairo did not load");
        }
        _cairo = cairo!;
        _faces = FontFaces.Create(_cairo, renderer.FontFamily!);
        _spec = HeatmapRenderBenchmarks.BuildSpec();
        _painted = Paint();
        Console.WriteLine($"// PNG bytes: cairo {_painted.ToPngWithCairo().Length}, none {_painted.ToPng(PngFilter.None).Length}, "
            + $"sub {_painted.ToPng(PngFilter.Sub).Length}, up {_painted.ToPng(PngFilter.Up).Length}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _painted.Dispose();
        _faces.Dispose();
    }

    private CairoCanvas Paint()
    {
        var canvas = new CairoCanvas(_cairo, _faces, _spec.Width, _spec.Height);
        HeatmapPainter.Paint(canvas, _spec, CancellationToken.None);
        return canvas;
    }

    [Benchmark]
    public int PaintOnly()
    {
        using var canvas = Paint();
        return canvas.Width;
    }

    [Benchmark(Baseline = true)]
    public int EncodeCairoWriter() => _painted.ToPngWithCairo().Length;

    [Benchmark]
    public int EncodeOwnNone() => _painted.ToPng(PngFilter.None).Length;

    [Benchmark]
    public int EncodeOwnSub() => _painted.ToPng(PngFilter.Sub).Length;

    [Benchmark]
    public int EncodeOwnUp() => _painted.ToPng(PngFilter.Up).Length;
}
