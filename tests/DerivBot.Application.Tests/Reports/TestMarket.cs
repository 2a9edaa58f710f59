using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;

namespace DerivBot.Application.Tests.Reports;

/// <summary>Fixed instants and a small builder of realistic snapshots.</summary>
public static class TestData
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"Now" in every report test: 2025-10-10 05:47 UTC, 2 h 13 m before the 08:00 settlement.</summary>
    public static readonly DateTimeOffset Now = new(2025, 10, 10, 5, 47, 0, TimeSpan.Zero);

    public static readonly ILocalizer Localizer = new ResxLocalizer();

    public static SymbolQuery Query(IMarketData market, IChatRegistry? registry = null) =>
        new(market, new SymbolLookup(market), new ChatTimeZones(registry), Localizer, new ManualTimeProvider(Now), Microsoft.Extensions.Options.Options.Create(new DerivBot.Core.Signals.SignalOptions()));

    public static ReportContext Context(Language language, TimeZoneInfo? zone = null, DateTimeOffset? now = null) =>
        new(new Texts(Localizer, language), zone ?? TimeZoneInfo.Utc, now ?? Now);

    public static CommandRequest Request(string command, string arguments, Language language = Language.En, ChatKind kind = ChatKind.Private, bool isAdmin = true) =>
        new(new ChatAddress(ChatPlatform.Console, "42"), kind, "7", language, command, arguments, _ => Task.FromResult(isAdmin), Now);

    /// <summary>
    /// BTCUSDT with 3 days of 5-minute OI and candles (OI rising 6 % over the last 4 h), funding +0.0100 % per 8 h
    /// rising from +0.0050 %, settled history every 8 h, long/short ratios, some liquidations and tickers.
    /// </summary>
    public static MarketSnapshot Btc(DateTimeOffset? dataTime = null, int intervalHours = 8, decimal rate = 0.0001m)
    {
        var now = dataTime ?? Now;
        var start = now - TimeSpan.FromDays(3);
        var oi = new List<OpenInterestPoint>();
        var klines = new List<Kline>();
        var predicted = new List<FundingRatePoint>();
        var steps = (int)((now - start).TotalMinutes / 5);
        for (var i = 0; i <= steps; i++)
        {
            var t = start + TimeSpan.FromMinutes(5 * i);
            // Gentle wave, then +6 % over the last 4 h (48 steps).
            var baseOi = 90_000m + (i % 12) * 10m;
            var ramp = i > steps - 48 ? 1m + 0.06m * (i - (steps - 48)) / 48m : 1m;
            var contracts = baseOi * ramp;
            var price = 62_000m + (i % 24) * 25m + (i > steps - 48 ? (i - (steps - 48)) * 20m : 0m);
            oi.Add(new OpenInterestPoint(t, contracts, contracts * price));
            klines.Add(new Kline(t, price - 10m, price + 40m, price - 40m, price, 120m, t + TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1), 120m * price, 900, 65m, 65m * price));
            if (i % 3 == 0)
            {
                var f = i > steps - 48 ? 0.00005m + 0.00005m * (i - (steps - 48)) / 48m : 0.00005m;
                predicted.Add(new FundingRatePoint(t, f * intervalHours / 8m, price));
            }
        }
        var settled = new List<FundingRatePoint>();
        for (var t = new DateTimeOffset(start.Year, start.Month, start.Day, 0, 0, 0, TimeSpan.Zero); t <= now; t += TimeSpan.FromHours(intervalHours))
        {
            settled.Add(new FundingRatePoint(t, 0.00008m, 62_000m));
        }
        var ratios = new List<RatioPoint>();
        for (var t = start; t <= now; t += TimeSpan.FromHours(1))
        {
            ratios.Add(new RatioPoint(t, 1.8m, 0.64m, 0.36m));
        }
        // Oldest first, as MarketSnapshot promises.
        var liqs = new List<Liquidation>
        {
            new(new Symbol("BTCUSDT"), PositionSide.Long, 62_500m, 62_510m, 2m, now - TimeSpan.FromHours(20)),
            new(new Symbol("BTCUSDT"), PositionSide.Short, 63_200m, 63_190m, 5m, now - TimeSpan.FromHours(3)),
            new(new Symbol("BTCUSDT"), PositionSide.Long, 63_000m, 63_010m, 20m, now - TimeSpan.FromMinutes(30)),
        };
        var mark = klines[^1].Close;
        return new MarketSnapshot
        {
            Venue = "binance",
            Symbol = new Symbol("BTCUSDT"),
            Contract = new PerpetualContract(new Symbol("BTCUSDT"), "BTC", "USDT", "PERPETUAL", "TRADING", 2.5m, Epoch),
            Premium = new PremiumIndex(new Symbol("BTCUSDT"), mark, mark - 5m, mark, rate, 0.0001m, new DateTimeOffset(2025, 10, 10, 8, 0, 0, TimeSpan.Zero), now),
            FundingIntervalHours = intervalHours,
            FundingHistory = settled,
            PredictedFunding = predicted,
            OpenInterest = oi,
            GlobalAccountRatio = ratios,
            TopAccountRatio = ratios,
            TopPositionRatio = ratios.Select(r => r with { Ratio = 1.1m, LongShare = 0.52m, ShortShare = 0.48m }).ToList(),
            Klines = klines,
            KlineInterval = KlineInterval.M5,
            Liquidations = liqs,
            FuturesTicker = new Ticker24h(new Symbol("BTCUSDT"), mark, 1.2m, 150_000m, 9_500_000_000m, now - TimeSpan.FromDays(1), now),
            SpotTicker = new Ticker24h(new Symbol("BTCUSDT"), mark, 1.1m, 30_000m, 1_900_000_000m, now - TimeSpan.FromDays(1), now),
            DataTime = now,
        };
    }
}
