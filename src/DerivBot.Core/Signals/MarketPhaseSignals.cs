using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Signal 9: healthy growth vs leverage bubble vs deleveraging.</summary>
internal static class MarketPhaseSignals
{
    public static MarketPhaseSignal Compute(MarketSnapshot s, OiSeries oi, FundingSignal funding, DateTimeOffset now, SignalOptions options)
    {
        var o = options.Phase;
        var fundingPer8h = (funding.Current ?? funding.LastSettled)?.Per8h;
        var level = funding.Level;
        if (oi.Count == 0 || oi.ContractsChange(oi.Count - 1, o.Window) is not { } dOi)
        {
            return new MarketPhaseSignal(SignalStatus.InsufficientData, MarketPhase.Neutral, o.Window, null, fundingPer8h, level, null, o,
                SignalReason.Of("phase.insufficient_oi", ("window_hours", (decimal)o.Window.TotalHours)));
        }

        var oiUsd = oi.Points[oi.Count - 1].ValueUsd;
        decimal? intensity = null;
        if (oiUsd > 0)
        {
            var events = s.Liquidations;
            var end = SeriesMath.LastAtOrBefore(events, e => e.Time, now) + 1;
            decimal sum = 0;
            for (var i = SeriesMath.LastAtOrBefore(events, e => e.Time, now - o.Window) + 1; i < end; i++)
            {
                sum += events[i].NotionalUsd;
            }
            intensity = sum / oiUsd;
        }
        var intense = intensity >= o.HighLiquidationIntensity;
        var fundingStretched = level != FundingLevel.Normal;
        var fundingExtreme = level is FundingLevel.ExtremePositive or FundingLevel.ExtremeNegative;

        MarketPhase phase;
        if (dOi <= -o.DeleveragingOiFall || (dOi < 0 && intense))
        {
            phase = MarketPhase.Deleveraging;
        }
        else if ((dOi >= o.BubbleOiChange && fundingStretched) || (dOi >= o.GrowthMinChange && fundingExtreme))
        {
            phase = MarketPhase.LeverageBubble;
        }
        else if (dOi >= o.GrowthMinChange && !intense)
        {
            phase = MarketPhase.HealthyGrowth;
        }
        else
        {
            phase = MarketPhase.Neutral;
        }

        var values = new List<(string, decimal)> { ("oi_change", dOi), ("window_hours", (decimal)o.Window.TotalHours) };
        if (fundingPer8h is { } f)
        {
            values.Add(("funding_per8h", f));
        }
        if (intensity is { } li)
        {
            values.Add(("liquidation_intensity", li));
        }
        var code = phase switch
        {
            MarketPhase.Deleveraging => "phase.deleveraging",
            MarketPhase.LeverageBubble => "phase.leverage_bubble",
            MarketPhase.HealthyGrowth => "phase.healthy_growth",
            _ => "phase.neutral",
        };
        return new MarketPhaseSignal(SignalStatus.Ok, phase, o.Window, dOi, fundingPer8h, level, intensity, o, SignalReason.Of(code, [.. values]));
    }
}
