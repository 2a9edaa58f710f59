using DerivBot.Application.Alerts;
using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Application.Subscriptions;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Application.Tests.OptionChains;

public sealed class OptionsCommandTests
{
    private static OptionSummary O(string name, decimal oi, decimal? volume = null, decimal? iv = null)
    {
        Assert.True(OptionName.TryParse(name, out var n), name);
        return new OptionSummary(name, n, oi, volume, iv, null, null);
    }

    /// <summary>31 Oct 2025 is the last Friday of October: the nearest monthly for TestData.Now (10 Oct).</summary>
    private static OptionChain Chain() => new("BTC", "deribit", TestData.Now, 100_000m,
    [
        O("BTC-31OCT25-90000-C", 10m, 2m, 0.5m), O("BTC-31OCT25-100000-C", 20m, 2m, 0.5m),
        O("BTC-31OCT25-90000-P", 6m, 1m, 0.6m), O("BTC-31OCT25-100000-P", 8m, 1m, 0.6m),
    ]);

    private static (ServiceProvider Provider, FakeOptionsVenue Venue) Build(bool withVenue = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(TestData.Now));
        services.AddSingleton<IMarketData>(new FakeMarketData("BTCUSDT", "ETHUSDT").With(TestData.Btc()));
        var venue = new FakeOptionsVenue();
        venue.Set(Chain());
        if (withVenue)
        {
            services.AddSingleton<IOptionsVenue>(venue);
        }
        services.AddSingleton<IOptionsHistoryStore, FakeOptionsHistoryStore>();
        services.AddCommands(new ConfigurationBuilder().Build());
        return (services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), venue);
    }

    private static async Task<CommandReply> AskAsync(ServiceProvider provider, string command, string args, Language language = Language.En) =>
        Assert.Single((await provider.GetRequiredService<ICommandDispatcher>().DispatchAsync(TestData.Request(command, args, language), CancellationToken.None)).Replies);

    [Theory]
    [InlineData("options", "BTC")]
    [InlineData("pcr", "btc")]
    [InlineData("options", "BTCUSDT")]
    public async Task Options_ListedCoin_ReportWithReadingAndData(string command, string args)
    {
        var (provider, _) = Build();
        await using var _p = provider;
        var reply = await AskAsync(provider, command, args);

        Assert.Equal(ReportKind.Options, reply.Report.Kind);
        var data = Assert.IsType<OptionsData>(reply.Data);
        Assert.Equal("BTC", data.Asset);
        Assert.Equal(Math.Round(14m / 30m, 6), data.PutCallOiRatio);
        Assert.Equal("CallHeavy", data.Reading);
        Assert.Equal("options.call_heavy", data.Reason);
        Assert.Equal(90_000m, data.MaxPain);
        Assert.Equal("2025-10-31", Assert.Single(data.Expiries).Expiry);
        Assert.False(data.Stale);
        Assert.Contains(reply.Report.Blocks.OfType<ParagraphBlock>(), p => p.Lines[0][0].Text.Contains("0.47", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Options_CoinWithoutOptions_ErrorNamingVenueAndCoin()
    {
        var (provider, _) = Build();
        await using var _p = provider;
        var reply = await AskAsync(provider, "options", "ETH", Language.ZhTw);

        Assert.Equal(ReportKind.Error, reply.Report.Kind);
        var text = string.Join(" ", reply.Report.Blocks.OfType<ParagraphBlock>().SelectMany(p => p.Lines).SelectMany(l => l).Select(r => r.Text));
        Assert.Contains("Deribit", text, StringComparison.Ordinal);
        Assert.Contains("ETH", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_VenueDown_OneVenueErrorNamingDeribit_OtherReportsStillWork()
    {
        var (provider, venue) = Build();
        await using var _p = provider;
        venue.Failure = new VenueException("deribit", VenueErrorKind.Unreachable, "deribit: cannot reach www.deribit.com");

        var options = await AskAsync(provider, "options", "BTC");
        var funding = await AskAsync(provider, "funding", "BTC");
        var signal = await AskAsync(provider, "signal", "BTC");

        Assert.Equal(ReportKind.Error, options.Report.Kind);
        Assert.Contains("Deribit", string.Join(" ", options.Report.Blocks.OfType<ParagraphBlock>().SelectMany(p => p.Lines).SelectMany(l => l).Select(r => r.Text)), StringComparison.Ordinal);
        Assert.Equal(ReportKind.Funding, funding.Report.Kind);
        Assert.Equal(ReportKind.Dashboard, signal.Report.Kind);
        var line = signal.Report.Blocks.OfType<FieldsBlock>().SelectMany(f => f.Fields).Single(f => f.Label.StartsWith("Options", StringComparison.Ordinal));
        Assert.Contains("did not answer", line.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_VenueDownAfterAGoodRead_ServesTheLastChainMarkedStale()
    {
        var (provider, venue) = Build();
        await using var _p = provider;
        await AskAsync(provider, "options", "BTC");
        venue.Failure = new VenueException("deribit", VenueErrorKind.Timeout, "deribit: timeout");

        var reply = await AskAsync(provider, "options", "BTC");

        Assert.True(Assert.IsType<OptionsData>(reply.Data).Stale);
        Assert.Contains("STALE", reply.Report.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signal_CoinWithOptions_HasTheOptionsLine()
    {
        var (provider, _) = Build();
        await using var _p = provider;
        var reply = await AskAsync(provider, "signal", "BTC");

        var line = reply.Report.Blocks.OfType<FieldsBlock>().SelectMany(f => f.Fields).Single(f => f.Label == "Options (Deribit)");
        Assert.Contains("0.47", line.Value, StringComparison.Ordinal);
        Assert.Contains("Call-heavy", line.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_NoVenueRegistered_SaysItIsNotConfigured()
    {
        var (provider, _) = Build(withVenue: false);
        await using var _p = provider;
        var reply = await AskAsync(provider, "options", "BTC");
        Assert.Equal(ReportKind.Error, reply.Report.Kind);
        Assert.Equal("Options unavailable", reply.Report.Title);
    }

    [Fact]
    public async Task Options_MissingSymbol_UsageError()
    {
        var (provider, _) = Build();
        await using var _p = provider;
        var reply = await AskAsync(provider, "options", "");
        Assert.Equal(ReportKind.Error, reply.Report.Kind);
        Assert.Contains("/options", reply.Report.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_RecordsHistoryOncePerInterval()
    {
        var (provider, _) = Build();
        await using var _p = provider;
        await AskAsync(provider, "options", "BTC");
        await AskAsync(provider, "options", "BTC");
        var stored = await provider.GetRequiredService<IOptionsHistoryStore>().GetOptionsAsync("deribit", "BTC", DateTimeOffset.MinValue, CancellationToken.None);
        Assert.Equal(Math.Round(14m / 30m, 6), Math.Round(Assert.Single(stored).PutCallOiRatio!.Value, 6));
    }

    [Fact]
    public async Task Learn_Options_LessonInEveryLanguage()
    {
        var (provider, _) = Build();
        await using var _p = provider;
        foreach (var language in new[] { Language.En, Language.ZhTw, Language.ZhCn })
        {
            var reply = await AskAsync(provider, "learn", "options", language);
            Assert.Equal(ReportKind.Lesson, reply.Report.Kind);
            Assert.True(reply.Report.Blocks.Count >= 4);
        }
        Assert.Equal("options", LessonReports.FindTopic("期權"));
        Assert.Equal("options", LessonReports.FindTopic("pcr"));
    }

    [Theory]
    [InlineData("pcr > 1.0", AlertDirection.Above, "1.0")]
    [InlineData("pcr>1.2", AlertDirection.Above, "1.2")]
    [InlineData("pcr < 0.6", AlertDirection.Below, "0.6")]
    [InlineData("pcr 0.9", AlertDirection.Above, "0.9")]
    [InlineData("putcall above 1.1", AlertDirection.Above, "1.1")]
    public void TryParseAlert_PutCall(string text, AlertDirection direction, string threshold)
    {
        Assert.True(CommandParsing.TryParseAlert(CommandParsing.Tokenize(text), out var spec, out var error), error?.Key);
        Assert.Equal(AlertMetric.PutCallRatio, spec.Condition.Metric);
        Assert.Equal(direction, spec.Condition.Direction);
        Assert.Equal(decimal.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture), spec.Condition.Threshold);
    }

    [Theory]
    [InlineData("pcr > 5%")]
    [InlineData("pcr > 0")]
    [InlineData("pcr")]
    [InlineData("pcr > abc")]
    public void TryParseAlert_BadPutCall_Rejected(string text) =>
        Assert.False(CommandParsing.TryParseAlert(CommandParsing.Tokenize(text), out _, out _));

    [Theory]
    [InlineData("options")]
    [InlineData("pcr")]
    [InlineData("期權")]
    public void TryParseKind_Options(string word)
    {
        Assert.True(CommandParsing.TryParseKind(word, out var kind));
        Assert.Equal(DigestKind.Options, kind);
        Assert.Equal("options", kind.QueryCommand());
    }

    [Theory]
    [InlineData(1.2, AlertDirection.Above, 1.0, true)]
    [InlineData(0.9, AlertDirection.Above, 1.0, false)]
    [InlineData(0.5, AlertDirection.Below, 0.6, true)]
    public void Evaluate_PutCall_ComparesTheRatio(double ratio, AlertDirection direction, double threshold, bool holds)
    {
        var snapshot = TestData.Btc();
        var context = new AlertContext(snapshot, TestData.Now, [], 0m, null, (decimal)ratio);
        var observation = AlertEvaluator.Evaluate(new AlertCondition(AlertMetric.PutCallRatio, direction, (decimal)threshold), context);
        Assert.True(observation.Available);
        Assert.Equal(holds, observation.Holds);
        Assert.False(AlertEvaluator.Evaluate(new AlertCondition(AlertMetric.PutCallRatio, direction, (decimal)threshold), context with { PutCallOiRatio = null }).Available);
    }

    [Theory]
    [InlineData(Language.En, "put/call (OI) ≥ 1")]
    [InlineData(Language.ZhTw, "賣權/買權比（未平倉）≥ 1")]
    [InlineData(Language.ZhCn, "看跌/看涨比（未平仓）≥ 1")]
    public void Describe_PutCallRule_InEveryLanguage(Language language, string expected) =>
        Assert.Equal(expected, new SubscriptionTexts(TestData.Localizer).Describe(language, new AlertCondition(AlertMetric.PutCallRatio, AlertDirection.Above, 1.0m)));
}
