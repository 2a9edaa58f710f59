using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Application.Tests.Reports;
using DerivBot.Application.Venues;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Tests.Venues;

internal static class VenueTestKit
{
    public static VenueAggregator Aggregator(IEnumerable<IVenueOverview> venues, TimeProvider time, TimeSpan? timeout = null) =>
        new(venues, Options.Create(new VenueAggregationOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(5) }), time, NullLogger<VenueAggregator>.Instance);

    public static VenuesCommand Command(VenueAggregator aggregator, IChartRenderer? charts = null) =>
        new(aggregator, TestData.Query(new FakeMarketData("BTCUSDT").With(TestData.Btc())), TestData.Localizer, charts);

    public static async Task<CommandReply> AskAsync(VenueAggregator aggregator, string arguments, Language language, IChartRenderer? charts = null)
    {
        var result = await Command(aggregator, charts).HandleAsync(TestData.Request("venues", arguments, language), CancellationToken.None);
        return Assert.Single(result.Replies);
    }

    public static string Text(CommandReply reply) => new PlainTextReportRenderer().Render(reply.Report);
}

