namespace DerivBot.Core.Charts;

/// <summary>One venue's bars on the <c>/venues</c> chart.</summary>
/// <param name="Venue">Display name ("OKX").</param>
/// <param name="OiShare">Share of the aggregate OI, 0..1.</param>
/// <param name="EightHourRate">Funding normalised to 8 h, fraction (0.0001 = 0.01 %); null when the venue sent none.</param>
public sealed record VenueBar(string Venue, decimal OiShare, decimal? EightHourRate);

/// <summary>
/// What <c>/venues</c> draws: per venue, a bar of its OI share (left panel) and a bar of its 8 h-equivalent funding
/// (right panel, around zero), with the OI-weighted rate as a reference line. Labels: <see cref="ChartLabels.VenueShare"/>,
/// <see cref="ChartLabels.VenueFunding"/>, <see cref="ChartLabels.Weighted"/>, <see cref="ChartLabels.NoData"/>.
/// </summary>
/// <param name="WeightedEightHourRate">OI-weighted 8 h rate across venues, fraction; null when unknown.</param>
public sealed record VenueChartSpec(
    ChartText Text,
    IReadOnlyList<VenueBar> Bars,
    decimal? WeightedEightHourRate,
    int Width = 1280,
    int Height = 720);
