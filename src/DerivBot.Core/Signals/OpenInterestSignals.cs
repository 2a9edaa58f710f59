using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Signal 2: OI level, 1 h / 4 h / 24 h changes with z-scores, OI / volume and derivatives / spot volume.</summary>
internal static class OpenInterestSignals
{
    internal static readonly TimeSpan[] ChangeWindows = [TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(24)];

    public static OpenInterestSignal Compute(MarketSnapshot s, OiSeries oi, OpenInterestSignalOptions o)
    {
        var futuresQuote = s.FuturesTicker?.QuoteVolume;
        var spotQuote = s.SpotTicker?.QuoteVolume;
        var multiplier = s.SpotMultiplier > 0 ? s.SpotMultiplier : 1m;
        // Quote volumes are both in USD(T), so their ratio needs no multiplier; base volumes do (1000PEPE vs PEPE).
        decimal? derivToSpot = futuresQuote is { } fq && spotQuote is { } sq && sq > 0 ? fq / sq : null;
        decimal? futuresInSpotUnits = s.FuturesTicker is { } ft && s.SpotTicker is not null ? ft.Volume * multiplier : null;

        if (oi.Count == 0)
        {
            return new OpenInterestSignal(
                SignalStatus.InsufficientData, null, 0m, 0m, [], null, futuresQuote, spotQuote, derivToSpot, multiplier,
                futuresInSpotUnits, o, SignalReason.Of("oi.insufficient_data", ("points", 0m)));
        }

        var last = oi.Count - 1;
        var point = oi.Points[last];
        var changes = new List<OiChange>(ChangeWindows.Length);
        foreach (var w in ChangeWindows)
        {
            var (z, samples) = oi.ZScore(last, w, o.MinZScoreSamples);
            changes.Add(new OiChange(w, oi.ContractsChange(last, w), oi.ValueUsdChange(last, w), z, samples));
        }
        decimal? oiToVolume = futuresQuote is { } q && q > 0 ? point.ValueUsd / q : null;

        var values = new List<(string, decimal)> { ("contracts", point.Contracts), ("value_usd", point.ValueUsd) };
        foreach (var c in changes)
        {
            var key = ((int)c.Window.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture) + "h";
            if (c.ContractsChange is { } cc)
            {
                values.Add(("change_" + key, cc));
            }
            if (c.ZScore is { } z)
            {
                values.Add(("z_" + key, SeriesMath.ToDecimal(z)));
            }
        }
        if (oiToVolume is { } ov)
        {
            values.Add(("oi_to_volume", ov));
        }
        if (derivToSpot is { } ds)
        {
            values.Add(("derivatives_to_spot", ds));
        }

        var code = point.Contracts == 0 ? "oi.zero" : changes.All(c => c.ContractsChange is null) ? "oi.level_only" : "oi.level";
        return new OpenInterestSignal(
            SignalStatus.Ok, point.Time, point.Contracts, point.ValueUsd, changes, oiToVolume, futuresQuote, spotQuote,
            derivToSpot, multiplier, futuresInSpotUnits, o, SignalReason.Of(code, [.. values]));
    }
}
