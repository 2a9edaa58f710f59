namespace DerivBot.Charts.Tests;

/// <summary>One renderer for the whole test run (production builds one at start).</summary>
internal static class Renderers
{
    private static readonly Lazy<SkiaChartRenderer> Lazy = new(() => new SkiaChartRenderer(new ChartsOptions()));

    public static SkiaChartRenderer Default
    {
        get
        {
            var r = Lazy.Value;
            Assert.True(r.IsAvailable, "SkiaSharp's native library must load for these tests: " + r.UnavailableReason);
            return r;
        }
    }

    /// <summary>Writes a rendered chart next to the test output when DERIVBOT_CHART_DUMP names a folder (for eyeballing).</summary>
    public static void Dump(string name, byte[] png)
    {
        var folder = Environment.GetEnvironmentVariable("DERIVBOT_CHART_DUMP");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name), png);
        }
    }
}
