using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Testing;

namespace DerivBot.Application.Tests.Reports;

/// <summary>
/// One time-zone resolver: every form a user may type (IANA name, <c>UTC+8</c>, <c>+08:00</c>, <c>GMT+8</c>, the
/// <c>UTC+08:00</c> that <c>/tz</c> stores) prints the same local times in every report that shows a time: the funding
/// next-settlement time, the provenance/data time in the footer, the chart axis zone and the digest "late" note.
/// </summary>
public sealed class TimeZoneTableTests
{
    private static readonly string[] Commands = ["funding", "oi", "quadrant", "liq", "ls", "rsi", "signal", "chart"];

    /// <summary>Stored or typed zone, the data time (05:47 UTC) and next settlement (08:00 UTC) in that zone, its offset.</summary>
    public static TheoryData<string, string, string, double> Zones() => new()
    {
        { "Asia/Taipei", "2025-10-10 13:47 UTC+8", "2025-10-10 16:00 UTC+8", 8 },
        { "asia/taipei", "2025-10-10 13:47 UTC+8", "2025-10-10 16:00 UTC+8", 8 },
        { "UTC+8", "2025-10-10 13:47 UTC+8", "2025-10-10 16:00 UTC+8", 8 },
        { "UTC+08:00", "2025-10-10 13:47 UTC+8", "2025-10-10 16:00 UTC+8", 8 },
        { "+08:00", "2025-10-10 13:47 UTC+8", "2025-10-10 16:00 UTC+8", 8 },
        { "GMT+8", "2025-10-10 13:47 UTC+8", "2025-10-10 16:00 UTC+8", 8 },
        { "UTC-03:30", "2025-10-10 02:17 UTC-3:30", "2025-10-10 04:30 UTC-3:30", -3.5 },
        { "UTC-3:30", "2025-10-10 02:17 UTC-3:30", "2025-10-10 04:30 UTC-3:30", -3.5 },
        { "-0330", "2025-10-10 02:17 UTC-3:30", "2025-10-10 04:30 UTC-3:30", -3.5 },
        { "UTC", "2025-10-10 05:47 UTC", "2025-10-10 08:00 UTC", 0 },
    };

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task EveryReport_ZoneInAnyForm_ShowsTheSameLocalTimes(string zone, string dataTime, string settlement, double offsetHours)
    {
        var charts = new RecordingChartRenderer();
        var market = new FakeMarketData("BTCUSDT").With(TestData.Btc());
        var query = TestData.Query(market, new InMemoryChatRegistry(zone));
        ICommandHandler[] handlers =
        [
            SymbolReportCommands.Funding(query, TestData.Localizer), SymbolReportCommands.OpenInterest(query, TestData.Localizer),
            SymbolReportCommands.Quadrant(query, TestData.Localizer), new LiquidationsCommand(query, TestData.Localizer, charts),
            SymbolReportCommands.LongShort(query, TestData.Localizer), SymbolReportCommands.Rsi(query, TestData.Localizer),
            SymbolReportCommands.Signal(query, TestData.Localizer), new ChartCommand(query, TestData.Localizer, charts),
        ];
        foreach (var command in Commands)
        {
            var handler = handlers.Single(h => h.Commands[0].Name == command);
            foreach (var language in Enum.GetValues<Language>())
            {
                var reply = Assert.Single((await handler.HandleAsync(TestData.Request(command, "btc", language), CancellationToken.None)).Replies);
                Assert.Contains(dataTime, reply.Report.Footer, StringComparison.Ordinal);
                if (command == "funding")
                {
                    Assert.Contains(settlement, new PlainTextReportRenderer().Render(reply.Report), StringComparison.Ordinal);
                }
            }
        }
        var offset = TimeSpan.FromHours(offsetHours);
        Assert.NotEmpty(charts.TimeZones);
        Assert.All(charts.TimeZones, z => Assert.Equal(offset, z.GetUtcOffset(TestData.Now)));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Resolver_ZoneInAnyForm_DigestLateNoteAndSchedulesUseTheSameClock(string zone, string dataTime, string settlement, double offsetHours)
    {
        _ = settlement;
        Assert.True(TimeZones.TryResolve(zone, out var resolved, out var storedId));
        // The stored id resolves to the same zone again, through the formatter's entry point too.
        Assert.Equal(resolved.BaseUtcOffset, TimeZones.Find(storedId).BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(offsetHours), DerivBot.Application.Localization.TimeFormat.ZoneOrUtc(storedId).GetUtcOffset(TestData.Now));
        // The digest "late" note and /mute, /subs times.
        Assert.Equal(dataTime[..16], SubscriptionTexts.LocalTime(TestData.Now, TimeZones.Find(storedId)));
        // Daily schedules: "daily 09:00" fires at 09:00 local for every form.
        var next = DigestSchedule.DailyAt(new TimeOnly(9, 0)).NextAfter(TestData.Now, TimeZones.Find(storedId));
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromTimeSpan((next + TimeSpan.FromHours(offsetHours)).TimeOfDay));
    }
}
