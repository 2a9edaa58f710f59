using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Testing;

namespace DerivBot.Charts.Tests;

/// <summary>
/// What every <see cref="IChartRenderer"/> must do, <see cref="SkiaChartRenderer"/> and the shared
/// <see cref="RecordingChartRenderer"/> alike: each chart kind comes back as a PNG under its own file name with the alt
/// text "title — subtitle"; null specs, a heatmap grid whose cells do not match its size and a cancelled token are
/// refused; an unavailable renderer says why and refuses every chart.
/// </summary>
public abstract class ChartRendererContract
{
    protected abstract IChartRenderer Create();

    protected abstract IChartRenderer CreateUnavailable();

    private static readonly ChartText Text = new("BTC · venues", "Sources: Binance · Bybit", new Dictionary<string, string>());

    private static VenueChartSpec Venues(ChartText? text = null) =>
        new(text ?? Text, [new VenueBar("Binance", 0.6m, 0.0001m), new VenueBar("Bybit", 0.4m, null)], 0.00006m);

    private static OptionsStrikeChartSpec Strikes() =>
        new(new ChartText("BTC options · open interest by strike", "Deribit", new Dictionary<string, string>()),
            [new StrikeOpenInterest(90_000m, 100m, 300m), new StrikeOpenInterest(100_000m, 250m, 150m)], 98_000m, 95_000m);

    public static TheoryData<string> Kinds => new() { "heatmap", "history", "venues", "strikes" };

    private static ChartImage Render(IChartRenderer r, string kind, CancellationToken ct = default) => kind switch
    {
        "heatmap" => r.RenderHeatmap(Synthetic.Heatmap(), ct),
        "history" => r.RenderHistory(Synthetic.History(), ct),
        "venues" => r.RenderVenues(Venues(), ct),
        _ => r.RenderOptionsStrikes(Strikes(), ct),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_Available_PngUnderTheKindsFileNameWithTitleAndSubtitleAsAltText(string kind)
    {
        var image = Render(Create(), kind);

        Assert.Equal(kind switch
        {
            "heatmap" => "liquidation-heatmap.png",
            "history" => "history.png",
            "venues" => "venues.png",
            _ => "options-oi-by-strike.png",
        }, image.FileName);
        Assert.Equal(RecordingChartRenderer.PngSignature, image.Png.Take(8));
        var expected = kind switch
        {
            "heatmap" => Synthetic.Heatmap().Text,
            "history" => Synthetic.History().Text,
            "venues" => Text,
            _ => Strikes().Text,
        };
        Assert.Equal(expected.Title + " — " + expected.Subtitle, image.AltText);
    }

    [Fact]
    public void Render_NoSubtitle_AltTextIsTheTitle() =>
        Assert.Equal("BTC · venues", Create().RenderVenues(Venues(Text with { Subtitle = "" }), CancellationToken.None).AltText);

    [Fact]
    public void Render_NullSpec_ArgumentNull()
    {
        var r = Create();
        Assert.Throws<ArgumentNullException>(() => r.RenderHeatmap(null!, CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => r.RenderHistory(null!, CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => r.RenderVenues(null!, CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => r.RenderOptionsStrikes(null!, CancellationToken.None));
    }

    [Fact]
    public void RenderHeatmap_CellsDoNotMatchTheGrid_ArgumentException()
    {
        var spec = Synthetic.Heatmap();
        var broken = spec with { Grid = spec.Grid with { LongNotional = spec.Grid.LongNotional[..^1] } };

        Assert.Throws<ArgumentException>(() => Create().RenderHeatmap(broken, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_CancelledToken_OperationCanceled(string kind)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Render(Create(), kind, cts.Token));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_Unavailable_SaysWhyAndRefuses(string kind)
    {
        var r = CreateUnavailable();

        Assert.False(r.IsAvailable);
        Assert.False(string.IsNullOrWhiteSpace(r.UnavailableReason));
        Assert.Throws<InvalidOperationException>(() => Render(r, kind));
    }
}

/// <summary>The real renderer against the contract.</summary>
public sealed class SkiaChartRendererContractTests : ChartRendererContract
{
    protected override IChartRenderer Create() => Renderers.Default;

    protected override IChartRenderer CreateUnavailable() => new SkiaChartRenderer(new ChartsOptions { Enabled = false });
}

/// <summary>The shared recording fake against the same contract.</summary>
public sealed class RecordingChartRendererContractTests : ChartRendererContract
{
    protected override IChartRenderer Create() => new RecordingChartRenderer();

    protected override IChartRenderer CreateUnavailable() => new RecordingChartRenderer(available: false);
}
