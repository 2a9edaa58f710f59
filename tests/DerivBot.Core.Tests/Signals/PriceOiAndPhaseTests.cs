using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class PriceOiAndPhaseTests
{
    /// <summary>4 h + 5 min of OI and candles moving linearly by the given fractions, plus a predicted funding rate.</summary>
    private static MarketSnapshot Moves(decimal priceChange, decimal oiChange, decimal funding, double hours = 4)
    {
        var n = (int)(hours * 12);
        return Some.Snapshot() with
        {
            OpenInterest = Some.Oi(Enumerable.Range(0, n + 1).Select(i => 1000m * (1m + (oiChange * i / n))), price: 100m),
            Klines = Some.Klines(Enumerable.Range(0, n + 1).Select(i => 100m * (1m + (priceChange * i / n)))),
            Premium = Some.Premium(funding),
        };
    }

    [Theory]
    [InlineData("0.03", "0.05", "0.0001", PriceOiRegime.NewLongs, FundingOiDivergence.None)]
    [InlineData("0.03", "-0.05", "0.0001", PriceOiRegime.ShortCovering, FundingOiDivergence.None)]
    [InlineData("-0.03", "0.05", "0.0001", PriceOiRegime.NewShorts, FundingOiDivergence.None)]
    [InlineData("-0.03", "-0.05", "0.0001", PriceOiRegime.LongCapitulation, FundingOiDivergence.None)]
    [InlineData("0.001", "0.001", "0.0001", PriceOiRegime.Indecisive, FundingOiDivergence.None)]
    [InlineData("0.01", "-0.03", "0.0008", PriceOiRegime.ShortCovering, FundingOiDivergence.ToppingRisk)]
    [InlineData("-0.01", "0.03", "-0.0002", PriceOiRegime.NewShorts, FundingOiDivergence.BottomingSetup)]
    [InlineData("-0.01", "0.03", "0.00003", PriceOiRegime.NewShorts, FundingOiDivergence.BottomingSetup)]
    public void Compute_PriceAndOiMoves_RegimeAndDivergence(string price, string oi, string funding, PriceOiRegime regime, FundingOiDivergence divergence)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var snapshot = Moves(decimal.Parse(price, inv), decimal.Parse(oi, inv), decimal.Parse(funding, inv));

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).PriceOi;

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(regime, signal.Regime);
        Assert.Equal(divergence, signal.Divergence);
        Assert.Equal(decimal.Parse(price, inv), signal.PriceChange!.Value, 10);
        Assert.Equal(decimal.Parse(oi, inv), signal.OiChange!.Value, 10);
    }

    [Fact]
    public void Compute_NoCandles_InsufficientButDivergenceStillReported()
    {
        var snapshot = Moves(0m, -0.03m, 0.0008m) with { Klines = [] };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).PriceOi;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal(FundingOiDivergence.ToppingRisk, signal.Divergence);
        Assert.Null(signal.PriceChange);
    }

    [Fact]
    public void Compute_NoOi_PriceOiInsufficient()
    {
        var snapshot = Moves(0.03m, 0.05m, 0.0001m) with { OpenInterest = [] };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).PriceOi;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal("price_oi.insufficient_oi", signal.Reason.Code);
    }

    [Theory]
    [InlineData("0.05", "0.0001", "0", MarketPhase.HealthyGrowth)]
    [InlineData("0.20", "0.0006", "0", MarketPhase.LeverageBubble)] // fast growth with elevated funding
    [InlineData("0.05", "0.0012", "0", MarketPhase.LeverageBubble)] // growth with extreme funding
    [InlineData("0.20", "0.0001", "0", MarketPhase.HealthyGrowth)] // fast but funding calm
    [InlineData("-0.10", "0.0001", "0", MarketPhase.Deleveraging)]
    [InlineData("-0.02", "0.0001", "5000000", MarketPhase.Deleveraging)] // small fall but 5 % of OI liquidated
    [InlineData("0.05", "0.0001", "5000000", MarketPhase.Neutral)] // growing through heavy liquidations: not healthy
    [InlineData("0.01", "0.0001", "0", MarketPhase.Neutral)]
    public void Compute_OiFundingLiquidations_Phase(string oi, string funding, string liquidatedUsd, MarketPhase expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var snapshot = Moves(0m, decimal.Parse(oi, inv), decimal.Parse(funding, inv), hours: 24);
        var usd = decimal.Parse(liquidatedUsd, inv);
        if (usd > 0)
        {
            snapshot = snapshot with { Liquidations = [Some.Liq(PositionSide.Long, usd, Some.Now.AddHours(-2))] };
        }

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Phase;

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(expected, signal.Phase);
        Assert.Equal(decimal.Parse(oi, inv), signal.OiChange!.Value, 10);
    }

    [Fact]
    public void Compute_PhaseWithShortHistory_Insufficient()
    {
        var snapshot = Moves(0m, 0.05m, 0.0001m, hours: 4);

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Phase;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal("phase.insufficient_oi", signal.Reason.Code);
    }
}
