using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Signals;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Storage.Tests;

/// <summary>
/// The subscription area wired by hand over a real store — a SQLite file in a temp folder or a fresh PostgreSQL
/// database, as <paramref name="provider"/> says — on a manual clock.
/// </summary>
internal sealed class World : IDisposable
{
    public World(StoreProvider provider, JobsOptions? jobs = null, LimitsOptions? limits = null, DateTimeOffset? start = null, IOptionsVenue? optionsVenue = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Provider = provider;
        Storage = provider.CreateDatabase();
        Clock = new ManualTimeProvider(start ?? new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero));
        Jobs = new FixedOptions<JobsOptions>(jobs ?? new JobsOptions());
        Limits = new FixedOptions<LimitsOptions>(limits ?? new LimitsOptions());
        Store = Storage.OpenStore(Clock);
        Market = new FakeMarketData(Clock) { VenueName = "fake" };
        Dispatcher = NewDispatcher();
        Signal = new OutboxSignal();
        Classifier = new FixedClassifier(QuadrantState.Neutral);
        Options = new Application.OptionChains.OptionsMarket(optionsVenue is null ? [] : [optionsVenue],
            Microsoft.Extensions.Options.Options.Create(new SignalOptions()), Clock, NullLogger<Application.OptionChains.OptionsMarket>.Instance, [Store]);
        Alerts = new AlertEngine(Store, Store, [Classifier], Signal, Limits, Jobs, Clock, NullLogger<AlertEngine>.Instance, Localizer, Options);
        Digests = new DigestService(Store, new DigestRenderer(Dispatcher, Market, Jobs, Clock, NullLogger<DigestRenderer>.Instance), Signal, Jobs, Clock, NullLogger<DigestService>.Instance, Localizer);
        Subscriptions = new SubscriptionCommandHandler(Store, Store, Market, Scheduler, Jobs, Limits, Clock, Localizer);
        AlertCommands = new AlertCommandHandler(Store, Store, Market, Alerts, Limits, Clock, Localizer);
    }

    /// <summary>The one localizer (Strings*.resx), read once for every world.</summary>
    public static readonly ILocalizer Localizer = new Application.Localization.ResxLocalizer();

    public StoreProvider Provider { get; }
    public StoreDatabase Storage { get; }
    public ManualTimeProvider Clock { get; }
    public FixedOptions<JobsOptions> Jobs { get; }
    public FixedOptions<LimitsOptions> Limits { get; }
    public IStoreUnderTest Store { get; }
    public FakeMarketData Market { get; }
    public FakeCommandDispatcher Dispatcher { get; }
    public OutboxSignal Signal { get; }
    public FixedClassifier Classifier { get; }
    public CountingScheduleNotifier Scheduler { get; } = new();
    public AlertEngine Alerts { get; }
    public Application.OptionChains.OptionsMarket Options { get; }
    public DigestService Digests { get; }
    public SubscriptionCommandHandler Subscriptions { get; }
    public AlertCommandHandler AlertCommands { get; }

    /// <summary>The shared fake dispatcher answering every digest query with <see cref="Render"/>.</summary>
    public static FakeCommandDispatcher NewDispatcher() => new(FakeCommandDispatcher.DigestQueries, Render);

    /// <summary>A simple report naming what was rendered: "{arguments} · {command} · {language}".</summary>
    public static Task<CommandResult> Render(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = new Core.Reports.Report(Core.Reports.ReportKind.Quadrant, $"{request.Arguments} · {request.Command} · {request.Language.ToCode()}",
            [Core.Reports.ParagraphBlock.Of("body"), new Core.Reports.FieldsBlock([new Core.Reports.ReportField("Funding", "0.01%")])]);
        return Task.FromResult(CommandResult.Of(report));
    }

    public static ChatAddress Telegram(long id) => new(ChatPlatform.Telegram, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public CommandRequest Request(ChatAddress chat, string command, string arguments, Language language = Language.En) =>
        new(chat, ChatKind.Private, "u1", language, command, arguments, _ => Task.FromResult(true), Clock.GetUtcNow());

    public async Task<Core.Reports.Report> RunAsync(ChatAddress chat, string command, string arguments, Language language = Language.En)
    {
        ICommandHandler handler = command is "alert" or "alerts" or "unalert" ? AlertCommands : Subscriptions;
        var result = await handler.HandleAsync(Request(chat, command, arguments, language), CancellationToken.None);
        return Assert.Single(result.Replies).Report;
    }

    public OutboxDrainer Drainer(params IChatSender[] senders) => Drainer(maxInFlight: 8, senders);

    public OutboxDrainer Drainer(int maxInFlight, params IChatSender[] senders) =>
        new(Store, senders, Store, Signal, Jobs, new FixedOptions<OutboxOptions>(new OutboxOptions { MaxInFlight = maxInFlight }), Clock, NullLogger<OutboxDrainer>.Instance);

    public MarketRefreshService Refresh(params IMarketRefresher[] refreshers) =>
        new(Store, refreshers, Market, Store, Store, Alerts, Jobs, Clock, NullLogger<MarketRefreshService>.Instance);

    public void Dispose() => Storage.Dispose();
}

internal static class ReportText
{
    /// <summary>All text of a report, for assertions.</summary>
    public static string Flatten(this Core.Reports.Report report) =>
        report.Title + "\n" + string.Join("\n", report.Blocks.Select(b => b switch
        {
            Core.Reports.ParagraphBlock p => string.Join("\n", p.Lines.Select(l => string.Concat(l.Select(r => r.Text)))),
            Core.Reports.ListBlock l => string.Join("\n", l.Items.Select(i => string.Concat(i.Select(r => r.Text)))),
            Core.Reports.NoteBlock n => n.Text,
            Core.Reports.HeadingBlock h => h.Text,
            Core.Reports.FieldsBlock f => string.Join("\n", f.Fields.Select(x => x.Label + ": " + x.Value)),
            _ => "",
        })) + "\n" + report.Footer;
}
