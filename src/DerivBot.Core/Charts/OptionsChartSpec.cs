namespace DerivBot.Core.Charts;

/// <summary>Open interest at one strike, in coins of the underlying.</summary>
public readonly record struct StrikeOpenInterest(decimal Strike, decimal CallOi, decimal PutOi);

/// <summary>What <c>/options</c> draws: open interest by strike, calls above the axis and puts below, the underlying and max pain marked.</summary>
/// <param name="Strikes">Ascending by strike.</param>
/// <param name="Underlying">USD price of the underlying (vertical marker), when known.</param>
/// <param name="MaxPain">Max pain strike (vertical marker), when known.</param>
public sealed record OptionsStrikeChartSpec(
    ChartText Text,
    IReadOnlyList<StrikeOpenInterest> Strikes,
    decimal? Underlying,
    decimal? MaxPain,
    int Width = 1280,
    int Height = 720);

/// <summary>Keys of <see cref="ChartText.Labels"/> the options chart looks up (values arrive localized).</summary>
public static class OptionsChartLabels
{
    /// <summary>Legend for the bars above the axis, e.g. "Calls" / "買權".</summary>
    public const string Calls = "options.calls";

    /// <summary>Legend for the bars below the axis, e.g. "Puts" / "賣權".</summary>
    public const string Puts = "options.puts";

    /// <summary>Marker of the underlying price, e.g. "Underlying".</summary>
    public const string Underlying = "options.underlying";

    /// <summary>Marker of the max pain strike, e.g. "Max pain".</summary>
    public const string MaxPain = "options.maxPain";

    /// <summary>Horizontal axis caption, e.g. "Strike (USD)".</summary>
    public const string Strike = "options.strike";

    /// <summary>Vertical axis caption, e.g. "Open interest (BTC)".</summary>
    public const string OpenInterest = "options.oi";
}
