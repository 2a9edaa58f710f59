using System.Collections.Concurrent;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>
/// The one <see cref="IChartRenderer"/> fake, held to the chart-renderer contract (tests/DerivBot.Charts.Tests) like
/// <c>SkiaChartRenderer</c>: it records every spec it is asked to draw and answers with the real renderer's file names
/// and alt text ("title — subtitle") and a PNG signature as the image; it refuses what the real one refuses (null specs,
/// a heatmap grid whose cells do not match its size, a cancelled token, any chart while unavailable).
/// </summary>
public sealed class RecordingChartRenderer(bool available = true) : IChartRenderer
{
    /// <summary>The eight bytes every PNG starts with.</summary>
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public bool IsAvailable => available;

    public string? UnavailableReason => available ? null : "charts are disabled by configuration (Charts:Enabled = false)";

    public ConcurrentQueue<HeatmapChartSpec> Heatmaps { get; } = new();

    public ConcurrentQueue<HistoryChartSpec> Histories { get; } = new();

    public ConcurrentQueue<VenueChartSpec> Venues { get; } = new();

    public ConcurrentQueue<OptionsStrikeChartSpec> OptionsStrikes { get; } = new();

    /// <summary>The time zones of every chart with a time axis drawn (heatmaps, then histories).</summary>
    public IReadOnlyList<TimeZoneInfo> TimeZones => [.. Heatmaps.Select(h => h.TimeZone), .. Histories.Select(h => h.TimeZone)];

    public ChartImage RenderHeatmap(HeatmapChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var g = spec.Grid ?? throw new ArgumentException("The heatmap spec has no grid.", nameof(spec));
        var cells = (long)g.Times.Count * g.BucketCount;
        if (g.BucketCount < 0 || g.LongNotional.Length != cells || g.ShortNotional.Length != cells)
        {
            throw new ArgumentException($"Invalid grid: {g.Times.Count} times × {g.BucketCount} buckets, {g.LongNotional.Length} long and {g.ShortNotional.Length} short values.", nameof(spec));
        }
        return Draw(spec.Text, "liquidation-heatmap.png", () => Heatmaps.Enqueue(spec), cancellationToken);
    }

    public ChartImage RenderHistory(HistoryChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Draw(spec.Text, "history.png", () => Histories.Enqueue(spec), cancellationToken);
    }

    public ChartImage RenderVenues(VenueChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Draw(spec.Text, "venues.png", () => Venues.Enqueue(spec), cancellationToken);
    }

    public ChartImage RenderOptionsStrikes(OptionsStrikeChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Draw(spec.Text, "options-oi-by-strike.png", () => OptionsStrikes.Enqueue(spec), cancellationToken);
    }

    private ChartImage Draw(ChartText text, string fileName, Action record, CancellationToken cancellationToken)
    {
        if (!available)
        {
            throw new InvalidOperationException("Charts are unavailable: " + UnavailableReason);
        }
        cancellationToken.ThrowIfCancellationRequested();
        record();
        return new ChartImage(fileName, [.. PngSignature], string.IsNullOrWhiteSpace(text.Subtitle) ? text.Title : text.Title + " — " + text.Subtitle);
    }
}
