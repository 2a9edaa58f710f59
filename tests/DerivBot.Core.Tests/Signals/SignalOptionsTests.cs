using Microsoft.Extensions.Configuration;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class SignalOptionsTests
{
    [Fact]
    public void Validate_Defaults_Valid()
    {
        Assert.Empty(new SignalOptions().Validate());
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "funding-order", "Signals:Funding:ElevatedPer8h must be less than Signals:Funding:ExtremePer8h" },
        { "percentiles", "Signals:Funding:LowPercentile must be less than Signals:Funding:HighPercentile" },
        { "rsi-bands", "Signals:Rsi bands must be ordered" },
        { "rsi-interval", "Signals:Rsi:Interval" },
        { "weights", "Signals:LiquidationLevels:Tiers weights must sum to more than 0" },
        { "leverage", "Signals:LiquidationLevels:Tiers:0:Leverage must be greater than 1" },
        { "window", "Signals:Quadrant:Window must be a positive duration" },
        { "flat-vs-rising", "Signals:Quadrant:OiFlatChange must be less than Signals:Quadrant:OiRisingChange" },
        { "phase", "Signals:Phase:GrowthMinChange must be less than Signals:Phase:BubbleOiChange" },
        { "null-section", "sub-section" },
        { "horizon-window", "Signals:Quadrant:Horizons:1:Window must be a positive duration" },
        { "horizon-repeat", "Signals:Quadrant:Horizons:1:Window repeats another horizon" },
        { "horizon-order", "Signals:Quadrant:Horizons:0:OiFlatChange must be less than Signals:Quadrant:Horizons:0:OiSharpFall" },
        { "horizon-negative", "Signals:Quadrant:Horizons:0:FundingRiseMinPer8h must be greater than 0" },
        { "churn-settlements", "Signals:Quadrant:ChurnSettlements must be at least 0" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenSetting_MessageNamesKey(string what, string expected)
    {
        var o = new SignalOptions();
        switch (what)
        {
            case "funding-order": o.Funding.ElevatedPer8h = 0.002m; break;
            case "percentiles": o.Funding.LowPercentile = 0.99; break;
            case "rsi-bands": o.Rsi.Overbought2 = 65; break;
            case "rsi-interval": o.Rsi.Interval = "7m"; break;
            case "weights": o.LiquidationLevels.Tiers = [new LeverageTier { Leverage = 10m, Weight = 0m }]; break;
            case "leverage": o.LiquidationLevels.Tiers = [new LeverageTier { Leverage = 1m, Weight = 1m }]; break;
            case "window": o.Quadrant.Window = TimeSpan.Zero; break;
            case "flat-vs-rising": o.Quadrant.OiFlatChange = 0.05m; break;
            case "phase": o.Phase.GrowthMinChange = 0.5m; break;
            case "null-section": o.Rsi = null!; break;
            case "horizon-window": o.Quadrant.Horizons = [new() { Window = TimeSpan.FromHours(4) }, new()]; break;
            case "horizon-repeat": o.Quadrant.Horizons = [new() { Window = TimeSpan.FromHours(4) }, new() { Window = TimeSpan.FromHours(4) }]; break;
            case "horizon-order": o.Quadrant.Horizons = [new() { Window = TimeSpan.FromHours(24), OiFlatChange = 0.2m, OiRisingChange = 0.3m }]; break;
            case "horizon-negative": o.Quadrant.Horizons = [new() { Window = TimeSpan.FromHours(24), FundingRiseMinPer8h = -0.0001m }]; break;
            case "churn-settlements": o.Quadrant.ChurnSettlements = -1; break;
        }

        var errors = o.Validate();

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void EffectiveTiers_NotConfigured_Defaults()
    {
        var tiers = new LiquidationLevelOptions().EffectiveTiers;

        Assert.Equal([5m, 10m, 25m, 50m, 100m], tiers.Select(t => t.Leverage));
        Assert.Equal(1m, tiers.Sum(t => t.Weight));
    }

    [Fact]
    public void Model_TiersWithoutWeight_ThrowsNamingKey()
    {
        var options = new LiquidationLevelOptions { Tiers = [new LeverageTier { Leverage = 10m, Weight = 0m }] };

        var ex = Assert.Throws<ArgumentException>(() => new LiquidationLevelModel(options));

        Assert.Contains("Signals:LiquidationLevels:Tiers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_HorizonsFromConfiguration_ReplaceTheDefaults()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Signals:Quadrant:Horizons:0:Window"] = "02:00:00",
                ["Signals:Quadrant:Horizons:1:Window"] = "1.00:00:00",
                ["Signals:Quadrant:Horizons:1:OiSharpFall"] = "0.1",
                ["Signals:Quadrant:ChurnSettlements"] = "3",
            })
            .Build();
        var o = new SignalOptions();

        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(config.GetSection(SignalOptions.SectionName), o);

        Assert.Empty(o.Validate());
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.FromHours(24)], o.Quadrant.EffectiveHorizons().Select(h => h.Window));
        Assert.Equal(0.1m, o.Quadrant.EffectiveHorizons()[1].OiSharpFall);
        Assert.Equal(3, o.Quadrant.ChurnSettlements);
    }
}
