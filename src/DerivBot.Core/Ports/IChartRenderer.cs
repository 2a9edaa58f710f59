using DerivBot.Core.Charts;
using DerivBot.Core.Chat;

namespace DerivBot.Core.Ports;

/// <summary>
/// Draws PNG charts. When the native drawing library or a CJK font is missing, <see cref="IsAvailable"/> is false,
/// <see cref="UnavailableReason"/> says why (once, at start), and callers send text only.
/// Implementations are thread-safe: several renders may run at once.
/// </summary>
public interface IChartRenderer
{
    bool IsAvailable { get; }

    string? UnavailableReason { get; }

    ChartImage RenderHeatmap(HeatmapChartSpec spec, CancellationToken cancellationToken);

    ChartImage RenderHistory(HistoryChartSpec spec, CancellationToken cancellationToken);

    /// <summary>The <c>/venues</c> bar chart: OI share and 8 h-equivalent funding by venue.</summary>
    ChartImage RenderVenues(VenueChartSpec spec, CancellationToken cancellationToken);
    /// <summary>Open interest by strike (calls above the axis, puts below), with the underlying and max pain marked (<c>/options</c>).</summary>
    ChartImage RenderOptionsStrikes(OptionsStrikeChartSpec spec, CancellationToken cancellationToken);
}
