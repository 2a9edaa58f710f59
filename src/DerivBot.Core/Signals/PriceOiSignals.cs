using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Signal 4: price × OI regime over a window and funding/OI divergences.</summary>
internal static class PriceOiSignals
{
    public static PriceOiSignal Compute(MarketSnapshot s, OiSeries oi, FundingSeries funding, DateTimeOffset now, SignalOptions options)
    {
        var o = options.PriceOi;
        var elevated = options.Funding.ElevatedPer8h;
        var priceChange = PriceChange(s, now, o.Window, options.OpenInterest.MaxStartGapFraction);
        var oiChange = oi.Count > 0 ? oi.ContractsChange(oi.Count - 1, o.Window) : null;
        var f = funding.CurrentPer8h;

        if (oiChange is not { } dOi)
        {
            return new PriceOiSignal(SignalStatus.InsufficientData, o.Window, priceChange, null, f, PriceOiRegime.Indecisive,
                FundingOiDivergence.None, o, elevated, SignalReason.Of("price_oi.insufficient_oi", ("window_hours", (decimal)o.Window.TotalHours)));
        }

        // Divergences need only OI and funding; the regime also needs price.
        var divergence = FundingOiDivergence.None;
        if (f is { } fr)
        {
            if (fr >= elevated && dOi <= -o.OiMoveMin)
            {
                divergence = FundingOiDivergence.ToppingRisk;
            }
            else if (fr <= o.LowFundingPer8h && dOi >= o.OiMoveMin)
            {
                divergence = FundingOiDivergence.BottomingSetup;
            }
        }

        var values = new List<(string, decimal)> { ("oi_change", dOi), ("window_hours", (decimal)o.Window.TotalHours) };
        if (f is { } fv)
        {
            values.Add(("funding_per8h", fv));
        }
        if (priceChange is not { } dP)
        {
            var code = divergence switch
            {
                FundingOiDivergence.ToppingRisk => "price_oi.topping_risk",
                FundingOiDivergence.BottomingSetup => "price_oi.bottoming_setup",
                _ => "price_oi.insufficient_price",
            };
            return new PriceOiSignal(SignalStatus.InsufficientData, o.Window, null, dOi, f, PriceOiRegime.Indecisive, divergence,
                o, elevated, SignalReason.Of(code, [.. values]));
        }
        values.Add(("price_change", dP));

        var priceUp = dP >= o.PriceMoveMin;
        var priceDown = dP <= -o.PriceMoveMin;
        var oiUp = dOi >= o.OiMoveMin;
        var oiDown = dOi <= -o.OiMoveMin;
        var regime = (priceUp, priceDown, oiUp, oiDown) switch
        {
            (true, _, true, _) => PriceOiRegime.NewLongs,
            (true, _, _, true) => PriceOiRegime.ShortCovering,
            (_, true, true, _) => PriceOiRegime.NewShorts,
            (_, true, _, true) => PriceOiRegime.LongCapitulation,
            _ => PriceOiRegime.Indecisive,
        };
        var reason = divergence switch
        {
            FundingOiDivergence.ToppingRisk => "price_oi.topping_risk",
            FundingOiDivergence.BottomingSetup => "price_oi.bottoming_setup",
            _ => regime switch
            {
                PriceOiRegime.NewLongs => "price_oi.new_longs",
                PriceOiRegime.ShortCovering => "price_oi.short_covering",
                PriceOiRegime.NewShorts => "price_oi.new_shorts",
                PriceOiRegime.LongCapitulation => "price_oi.long_capitulation",
                _ => "price_oi.indecisive",
            },
        };
        return new PriceOiSignal(SignalStatus.Ok, o.Window, dP, dOi, f, regime, divergence, o, elevated, SignalReason.Of(reason, [.. values]));
    }

    /// <summary>
    /// Price now against the price at exactly one window earlier, by the window rule (<see cref="SeriesWindow"/>).
    /// "Now" is the newest candle's close, standing for the price at its close instant (or at <paramref name="now"/>
    /// while it is still forming); the earlier price is read from candle opens, each the price at its open time.
    /// Null when the candles do not reach back.
    /// </summary>
    internal static decimal? PriceChange(MarketSnapshot s, DateTimeOffset now, TimeSpan window, double maxGapFraction)
    {
        var k = s.Klines;
        var end = SeriesMath.LastAtOrBefore(k, x => x.OpenTime, now);
        if (end < 0)
        {
            return null;
        }
        var closeAt = k[end].OpenTime + s.KlineInterval.ToTimeSpan();
        var endTime = closeAt > now ? now : closeAt;
        var start = SeriesWindow.ValueAt(k, end + 1, static x => x.OpenTime, static x => x.Open, endTime - window,
            SeriesWindow.Tolerance(window, maxGapFraction));
        return start is { } p ? SeriesMath.Fraction(p, k[end].Close) : null;
    }
}
