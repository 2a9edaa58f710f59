using BenchmarkDotNet.Attributes;
using DerivBot.Charts;
using DerivBot.Charts.Native;
using SkiaSharp;

namespace DerivBot.Benchmarks.Charts;

/// <summary>
/// Where a heatmap render's time goes: painting alone, and encoding the same finished 1280×720 bitmap with SkiaSharp's
/// PNG encoder at the settings charts use (zlib level 1, "Up" filter) versus its defaults (level 6, all filters tried)
/// and other single filters. The encoded sizes are printed once in the setup.
/// </summary>
[MemoryDiagnoser]
public class HeatmapPngEncodeBenchmarks
{
    private FontFaces _faces = null!;
    private ChartCanvas _painted = null!;
    private DerivBot.Core.Charts.HeatmapChartSpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        _faces = FontFaces.EmbeddedFaces("TC");
        _spec = HeatmapRenderBenchmarks.BuildSpec();
        _painted = Paint();
        Console.WriteLine($"// PNG bytes: charts {Charts().Length}, default {SkiaDefault().Length}, "
            + $"level 1 sub {Level1Sub().Length}, level 1 all filters {Level1AllFilters().Length}");
    }

    [GlobalCleanup]
    public void Cleanup() => _painted.Dispose();

    private ChartCanvas Paint()
    {
        var canvas = new ChartCanvas(_faces, _spec.Width, _spec.Height);
        HeatmapPainter.Paint(canvas, _spec, CancellationToken.None);
        return canvas;
    }

    private byte[] Charts() => _painted.ToPng();

    private byte[] SkiaDefault() => _painted.ToPng(SKPngEncoderOptions.Default);

    private byte[] Level1Sub() => _painted.ToPng(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1));

    private byte[] Level1AllFilters() => _painted.ToPng(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 1));

    [Benchmark]
    public int PaintOnly()
    {
        using var canvas = Paint();
        return canvas.Width;
    }

    [Benchmark(Baseline = true)]
    public int EncodeChartsSettings() => Charts().Length;

    [Benchmark]
    public int EncodeSkiaDefault() => SkiaDefault().Length;

    [Benchmark]
    public int EncodeLevel1Sub() => Level1Sub().Length;

    [Benchmark]
    public int EncodeLevel1AllFilters() => Level1AllFilters().Length;
}
