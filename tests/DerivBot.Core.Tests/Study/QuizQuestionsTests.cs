using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Study;

namespace DerivBot.Core.Tests.Study;

public sealed class QuizQuestionsTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Funding_CurrentAboveMedianOfLast30Days_YesIsRight()
    {
        // 10 settlements inside the window: 0.0001 … 0.0010 → median (0.0005 + 0.0006) / 2 = 0.00055; an old one outside.
        var settled = Enumerable.Range(1, 10).Select(i => new FundingRatePoint(Now.AddHours(-8 * i), 0.0001m * i, null))
            .Append(new FundingRatePoint(Now.AddDays(-31), 0.05m, null)).ToList();

        var above = QuizQuestions.Funding(Btc, 0.0006m, 8, settled, Now)!;
        var below = QuizQuestions.Funding(Btc, 0.00055m, 8, settled, Now)!;

        Assert.Equal(0, above.CorrectOption);
        Assert.Equal(1, below.CorrectOption); // equal to the median is not above it
        Assert.Equal(0.00055m, above.Reason.Get("medianPer8h"));
        Assert.Equal(10m, above.Reason.Get("samples"));
        // A 4 h venue: 8 h-equivalent doubles both sides.
        Assert.Equal(0.0012m, QuizQuestions.Funding(Btc, 0.0006m, 4, settled, Now)!.Reason.Get("currentPer8h"));
        Assert.Null(QuizQuestions.Funding(Btc, 0.0006m, 8, settled.Take(8).ToList(), Now));
    }

    [Fact]
    public void Liquidations_SidesSummedOver24h_LargerSideRight()
    {
        var events = new List<Liquidation>
        {
            new(Btc, PositionSide.Long, 100m, 100m, 2m, Now.AddHours(-1)),     // 200
            new(Btc, PositionSide.Short, 100m, 101m, 1m, Now.AddHours(-2)),    // 101
            new(Btc, PositionSide.Short, 100m, 0m, 1.5m, Now.AddHours(-23)),   // 150 (no average: price)
            new(Btc, PositionSide.Short, 100m, 100m, 50m, Now.AddHours(-25)),  // outside
            new(new Symbol("ETHUSDT"), PositionSide.Short, 1m, 1m, 1000m, Now), // other symbol
        };

        var quiz = QuizQuestions.Liquidations(Btc, events, Now)!;

        Assert.Equal(["long", "short"], quiz.Options);
        Assert.Equal(1, quiz.CorrectOption);
        Assert.Equal((200m, 251m), (quiz.Reason.Get("longUsd")!.Value, quiz.Reason.Get("shortUsd")!.Value));
        Assert.Null(QuizQuestions.Liquidations(Btc, [], Now));
    }

    [Fact]
    public void Venues_Highest8hEquivalentWins_OneHourVenueNotUndercounted()
    {
        var stats = new List<VenueInstrumentStat>
        {
            Stat(VenueIds.Binance, 0.0001m, 8),     // 0.0001 / 8h
            Stat(VenueIds.Hyperliquid, 0.00002m, 1), // 0.00016 / 8h: highest
            Stat(VenueIds.Okx, 0.00012m, 8),
            Stat(VenueIds.Gate, null, 8),            // no rate: not an option
        };

        var quiz = QuizQuestions.Venues(Btc, stats, Now)!;

        Assert.Equal([VenueIds.Binance, VenueIds.Okx, VenueIds.Hyperliquid], quiz.Options);
        Assert.Equal(2, quiz.CorrectOption);
        Assert.Equal(VenueIds.Okx, quiz.RunnerUp);
        Assert.Equal(0.00016m, quiz.Reason.Get("topPer8h"));
        Assert.Null(QuizQuestions.Venues(Btc, [Stat(VenueIds.Binance, 0.0001m, 8)], Now));
    }

    private static VenueInstrumentStat Stat(string venue, decimal? rate, int hours) =>
        new(venue, "BTC", "BTC", 100_000m, rate, hours, null, 1m, 100_000m, null, Now);
}
