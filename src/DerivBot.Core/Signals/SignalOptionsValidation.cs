namespace DerivBot.Core.Signals;

/// <summary>Checks <see cref="SignalOptions"/>; messages name the configuration key so an operator can find it.</summary>
internal static class SignalOptionsValidation
{
    private const string Root = SignalOptions.SectionName;

    public static IReadOnlyList<string> Validate(SignalOptions o)
    {
        var errors = new List<string>();

        void Positive(decimal value, string key)
        {
            if (value <= 0)
            {
                errors.Add($"{Root}:{key} must be greater than 0 (was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
            }
        }

        void PositiveSpan(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{Root}:{key} must be a positive duration such as \"04:00:00\" (was {value}).");
            }
        }

        void Fraction(double value, string key)
        {
            if (!(value >= 0 && value <= 1))
            {
                errors.Add($"{Root}:{key} must be between 0 and 1 (was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
            }
        }

        void Ordered(bool ok, string lowKey, string highKey)
        {
            if (!ok)
            {
                errors.Add($"{Root}:{lowKey} must be less than {Root}:{highKey}.");
            }
        }

        void AtLeast(int value, int min, string key)
        {
            if (value < min)
            {
                errors.Add($"{Root}:{key} must be at least {min} (was {value}).");
            }
        }

        if (o.Funding is null || o.OpenInterest is null || o.Quadrant is null || o.PriceOi is null || o.LongShort is null
            || o.Rsi is null || o.Liquidations is null || o.LiquidationLevels is null || o.Phase is null || o.Options is null)
        {
            errors.Add($"{Root}: a sub-section (Funding, OpenInterest, Quadrant, PriceOi, LongShort, Rsi, Liquidations, LiquidationLevels, Phase, Options) is null.");
            return errors;
        }

        var f = o.Funding;
        Positive(f.ElevatedPer8h, "Funding:ElevatedPer8h");
        Ordered(f.ElevatedPer8h < f.ExtremePer8h, "Funding:ElevatedPer8h", "Funding:ExtremePer8h");
        Fraction(f.HighPercentile, "Funding:HighPercentile");
        Fraction(f.LowPercentile, "Funding:LowPercentile");
        Ordered(f.LowPercentile < f.HighPercentile, "Funding:LowPercentile", "Funding:HighPercentile");
        AtLeast(f.MinPercentileSamples, 2, "Funding:MinPercentileSamples");

        var oi = o.OpenInterest;
        Fraction(oi.MaxStartGapFraction, "OpenInterest:MaxStartGapFraction");
        AtLeast(oi.MinZScoreSamples, 2, "OpenInterest:MinZScoreSamples");

        var q = o.Quadrant;
        PositiveSpan(q.Window, "Quadrant:Window");
        Positive(q.OiRisingChange, "Quadrant:OiRisingChange");
        Positive(q.OiFlatChange, "Quadrant:OiFlatChange");
        Ordered(q.OiFlatChange < q.OiRisingChange, "Quadrant:OiFlatChange", "Quadrant:OiRisingChange");
        Positive(q.OiSharpFall, "Quadrant:OiSharpFall");
        Ordered(q.OiFlatChange < q.OiSharpFall, "Quadrant:OiFlatChange", "Quadrant:OiSharpFall");
        Ordered(q.NegativeBelowPer8h < q.PositiveAbovePer8h, "Quadrant:NegativeBelowPer8h", "Quadrant:PositiveAbovePer8h");
        Positive(q.NeutralBandPer8h, "Quadrant:NeutralBandPer8h");
        Positive(q.FundingRiseMinPer8h, "Quadrant:FundingRiseMinPer8h");
        Positive(q.SwingMinStdDevPer8h, "Quadrant:SwingMinStdDevPer8h");
        AtLeast(q.SwingMinSignChanges, 1, "Quadrant:SwingMinSignChanges");
        if (q.OiRisingMinZ < 0 || q.OiFlatMaxZ < 0 || q.OiSharpFallMinZ < 0)
        {
            errors.Add($"{Root}:Quadrant:OiRisingMinZ, OiFlatMaxZ and OiSharpFallMinZ must not be negative.");
        }
        Fraction(q.NoHistoryConfidenceFactor, "Quadrant:NoHistoryConfidenceFactor");
        AtLeast(q.ChurnSettlements, 0, "Quadrant:ChurnSettlements");
        if (q.Horizons is { } horizons)
        {
            var seen = new HashSet<TimeSpan>();
            for (var i = 0; i < horizons.Count; i++)
            {
                var key = $"Quadrant:Horizons:{i}:";
                if (horizons[i] is not { } h)
                {
                    errors.Add($"{Root}:{key}Window is missing.");
                    continue;
                }
                PositiveSpan(h.Window, key + "Window");
                if (h.Window > TimeSpan.Zero && !seen.Add(h.Window))
                {
                    errors.Add($"{Root}:{key}Window repeats another horizon ({h.Window}).");
                }
                if (h.Window <= TimeSpan.Zero || q.Window <= TimeSpan.Zero)
                {
                    continue;
                }
                var rh = q.Resolve(h);
                Positive(rh.OiRisingChange, key + "OiRisingChange");
                Positive(rh.OiFlatChange, key + "OiFlatChange");
                Positive(rh.OiSharpFall, key + "OiSharpFall");
                Positive(rh.FundingRiseMinPer8h, key + "FundingRiseMinPer8h");
                Ordered(rh.OiFlatChange < rh.OiRisingChange, key + "OiFlatChange", key + "OiRisingChange");
                Ordered(rh.OiFlatChange < rh.OiSharpFall, key + "OiFlatChange", key + "OiSharpFall");
            }
        }

        var p = o.PriceOi;
        PositiveSpan(p.Window, "PriceOi:Window");
        Positive(p.PriceMoveMin, "PriceOi:PriceMoveMin");
        Positive(p.OiMoveMin, "PriceOi:OiMoveMin");

        var ls = o.LongShort;
        PositiveSpan(ls.PercentileWindow, "LongShort:PercentileWindow");
        Fraction(ls.HighPercentile, "LongShort:HighPercentile");
        Fraction(ls.LowPercentile, "LongShort:LowPercentile");
        Ordered(ls.LowPercentile < ls.HighPercentile, "LongShort:LowPercentile", "LongShort:HighPercentile");
        AtLeast(ls.MinSamples, 2, "LongShort:MinSamples");
        AtLeast(ls.MaxSamples, ls.MinSamples, "LongShort:MaxSamples");

        var r = o.Rsi;
        AtLeast(r.Period, 2, "Rsi:Period");
        if (!Markets.PeriodExtensions.TryParseKlineInterval(r.Interval ?? string.Empty, out _))
        {
            errors.Add($"{Root}:Rsi:Interval must be a candle interval such as \"5m\", \"1h\" or \"4h\" (was \"{r.Interval}\").");
        }
        if (!(0 < r.Oversold3 && r.Oversold3 < r.Oversold2 && r.Oversold2 < r.Oversold1 && r.Oversold1 < r.Overbought1
              && r.Overbought1 < r.Overbought2 && r.Overbought2 < r.Overbought3 && r.Overbought3 < 100))
        {
            errors.Add($"{Root}:Rsi bands must be ordered 0 < Oversold3 < Oversold2 < Oversold1 < Overbought1 < Overbought2 < Overbought3 < 100.");
        }

        var l = o.Liquidations;
        AtLeast(l.LargestCount, 0, "Liquidations:LargestCount");
        PositiveSpan(l.CascadeLookback, "Liquidations:CascadeLookback");
        PositiveSpan(l.BaselineWindow, "Liquidations:BaselineWindow");
        PositiveSpan(l.MinBaselineSpan, "Liquidations:MinBaselineSpan");
        Positive(l.CascadeMultiplier, "Liquidations:CascadeMultiplier");
        Positive(l.CascadeMinUsdPerMinute, "Liquidations:CascadeMinUsdPerMinute");

        var m = o.LiquidationLevels;
        var tiers = m.EffectiveTiers;
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i] is null || tiers[i].Leverage <= 1m)
            {
                errors.Add($"{Root}:LiquidationLevels:Tiers:{i}:Leverage must be greater than 1.");
            }
            else if (1m / tiers[i].Leverage <= m.MaintenanceMargin)
            {
                errors.Add($"{Root}:LiquidationLevels:Tiers:{i}:Leverage is so high that 1/Leverage is not above Signals:LiquidationLevels:MaintenanceMargin.");
            }
            if (tiers[i] is not null && tiers[i].Weight < 0m)
            {
                errors.Add($"{Root}:LiquidationLevels:Tiers:{i}:Weight must not be negative.");
            }
        }
        if (tiers.Where(t => t is not null).Sum(t => t.Weight) <= 0m)
        {
            errors.Add($"{Root}:LiquidationLevels:Tiers weights must sum to more than 0.");
        }
        if (m.MaintenanceMargin < 0m || m.MaintenanceMargin >= 1m)
        {
            errors.Add($"{Root}:LiquidationLevels:MaintenanceMargin must be in [0, 1) (was {m.MaintenanceMargin.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }
        if (m.MergeTolerance < 0m)
        {
            errors.Add($"{Root}:LiquidationLevels:MergeTolerance must not be negative.");
        }
        AtLeast(m.GridBuckets, 2, "LiquidationLevels:GridBuckets");
        if (m.GridMargin < 0m)
        {
            errors.Add($"{Root}:LiquidationLevels:GridMargin must not be negative.");
        }
        Positive(m.ClusterBandFraction, "LiquidationLevels:ClusterBandFraction");
        AtLeast(m.ClusterCount, 1, "LiquidationLevels:ClusterCount");

        var ph = o.Phase;
        PositiveSpan(ph.Window, "Phase:Window");
        Positive(ph.GrowthMinChange, "Phase:GrowthMinChange");
        Ordered(ph.GrowthMinChange < ph.BubbleOiChange, "Phase:GrowthMinChange", "Phase:BubbleOiChange");
        Positive(ph.DeleveragingOiFall, "Phase:DeleveragingOiFall");
        Positive(ph.HighLiquidationIntensity, "Phase:HighLiquidationIntensity");

        var op = o.Options;
        Positive(op.CallHeavyBelow, "Options:CallHeavyBelow");
        Ordered(op.CallHeavyBelow < op.PutHeavyAbove, "Options:CallHeavyBelow", "Options:PutHeavyAbove");
        PositiveSpan(op.Window, "Options:Window");
        Positive(op.RisingMinChange, "Options:RisingMinChange");
        Positive(op.LongShortHighAbove, "Options:LongShortHighAbove");
        if (op.CallShareConflictAtLeast <= 0m || op.CallShareConflictAtLeast > 1m)
        {
            errors.Add($"{Root}:Options:CallShareConflictAtLeast must be greater than 0 and at most 1 (was {op.CallShareConflictAtLeast.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }
        PositiveSpan(op.PercentileWindow, "Options:PercentileWindow");
        AtLeast(op.MinPercentileSamples, 2, "Options:MinPercentileSamples");
        PositiveSpan(op.HistoryInterval, "Options:HistoryInterval");
        PositiveSpan(op.StaleAfter, "Options:StaleAfter");

        return errors;
    }
}
