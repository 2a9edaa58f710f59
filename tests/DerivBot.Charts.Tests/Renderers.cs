namespace DerivBot.Charts.Tests;

/// <summary>One probed renderer for the whole test run (the probe is what production does once at start).</summary>
internal static class Renderers
{
    private static readonly Lazy<CairoChartRenderer> Lazy = new(() => new CairoChartRenderer(new ChartsOptions()));

    public static CairoChartRenderer Default
    {
        get
        {
            var r = Lazy.Value;
            Assert.True(r.IsAvailable, "cairo + a CJK font are required for these tests: " + r.UnavailableReason);
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
