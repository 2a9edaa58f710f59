using System.Text;
using DerivBot.Charts.Native;

namespace DerivBot.Charts.Tests;

public sealed class PngEncoderTests
{
    private static CairoApi Cairo()
    {
        Assert.True(CairoApi.TryLoad("libcairo.so.2", out var api, out var error), error);
        return api!;
    }

    [Fact]
    public void Crc32_StandardCheckInput_IsCbf43926()
    {
        // The catalogued check value of CRC-32/ISO-HDLC (the PNG/zip CRC) over "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Crc32_AnyLengthAndSplit_MatchesBitwiseDefinition()
    {
        var random = new Random(7);
        foreach (var length in new[] { 1, 3, 4, 5, 7, 8, 63, 1000, 65_537 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            var whole = Crc32.Compute(data);
            Assert.Equal(PngImage.BitwiseCrc32(data), whole);
            var cut = length / 3;
            Assert.Equal(whole, Crc32.Append(Crc32.Compute(data.AsSpan(0, cut)), data.AsSpan(cut)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ToPng_RenderedHeatmapEachFilter_SamePixelsAsCairosOwnWriter(int pngFilter)
    {
        var filter = (PngFilter)pngFilter;
        var spec = Synthetic.Heatmap();
        using var canvas = new CairoCanvas(Cairo(), Renderers.Default.FontFamily!, spec.Width, spec.Height);
        HeatmapPainter.Paint(canvas, spec, CancellationToken.None);

        var ours = PngImage.Decode(canvas.ToPng(filter));
        var reference = PngImage.Decode(canvas.ToPngWithCairo());

        Assert.Equal(2, ours.ColourType);
        Assert.Equal((reference.Width, reference.Height), (ours.Width, ours.Height));
        var differing = 0;
        for (var y = 0; y < ours.Height; y++)
        {
            for (var x = 0; x < ours.Width; x++)
            {
                differing += ours.Pixel(x, y) == reference.Pixel(x, y) ? 0 : 1;
            }
        }
        Assert.Equal(0, differing);
    }

    [Fact]
    public void ToPng_TinyImage_ExactColoursAtEachPixel()
    {
        // 3×2 with a different colour per pixel: catches channel order, row order, stride and filter-edge mistakes.
        using var canvas = new CairoCanvas(Cairo(), "DejaVu Sans", 3, 2);
        byte[][] colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [10, 20, 30], [200, 100, 50], [255, 255, 255]];
        for (var i = 0; i < colours.Length; i++)
        {
            canvas.FillRect(i % 3, i / 3, 1, 1, Rgba.FromBytes(colours[i][0], colours[i][1], colours[i][2]));
        }

        var image = PngImage.Decode(canvas.ToPng());

        for (var i = 0; i < colours.Length; i++)
        {
            Assert.Equal((colours[i][0], colours[i][1], colours[i][2]), image.Pixel(i % 3, i / 3));
        }
    }

    [Fact]
    public void ToPng_NotOpaque_ComesOutAsOverBlack()
    {
        using var canvas = new CairoCanvas(Cairo(), "DejaVu Sans", 4, 1);
        canvas.FillRect(0, 0, 2, 1, new Rgba(1, 1, 1, 0.5));

        var image = PngImage.Decode(canvas.ToPng());

        var half = image.Pixel(0, 0);
        Assert.InRange(half.R, 126, 129);
        Assert.Equal(half.R, half.G);
        Assert.Equal((0, 0, 0), image.Pixel(3, 0));
    }

    [Fact]
    public void Decode_CorruptedChunk_IsRejectedByTheCrcCheck()
    {
        // Proves the CRC comparison in the test reader can fail, so the tests above really check our CRCs.
        using var canvas = new CairoCanvas(Cairo(), "DejaVu Sans", 16, 16);
        canvas.FillRect(0, 0, 16, 16, ChartFrame.Page);
        var png = canvas.ToPng();
        var ihdrWidthByte = 8 + 8 + 3;
        png[ihdrWidthByte] ^= 1;

        var ex = Assert.Throws<InvalidDataException>(() => PngImage.Decode(png));
        Assert.Contains("IHDR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPng_Chunks_SignatureIhdrOneIdatIend()
    {
        using var canvas = new CairoCanvas(Cairo(), "DejaVu Sans", 40, 30);
        canvas.FillRect(0, 0, 40, 30, ChartFrame.Page);
        var png = canvas.ToPng();

        var types = new List<string>();
        for (var pos = 8; pos < png.Length;)
        {
            var length = (png[pos] << 24) | (png[pos + 1] << 16) | (png[pos + 2] << 8) | png[pos + 3];
            types.Add(Encoding.ASCII.GetString(png, pos + 4, 4));
            pos += 12 + length;
        }

        Assert.True(PngImage.HasSignature(png));
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        Assert.Equal(2, png[8 + 8 + 9]);
        Assert.Equal(8, png[8 + 8 + 8]);
    }
}
