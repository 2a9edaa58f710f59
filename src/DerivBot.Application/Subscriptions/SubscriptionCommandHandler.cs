using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Subscriptions;

/// <summary>
/// <c>/subscribe</c>, <c>/unsubscribe</c>, <c>/subs</c> and the chat settings <c>/mute</c>, <c>/quiet</c>, <c>/lang</c>,
/// <c>/tz</c>. Every change is stored at once and the digest trigger is moved immediately (no restart).
/// </summary>
public sealed partial class SubscriptionCommandHandler : ICommandHandler
{
    private readonly ISubscriptionStore _store;
    private readonly IChatRegistry _registry;
    private readonly IMarketData _market;
    private readonly IScheduleNotifier _scheduler;
    private readonly IOptionsMonitor<JobsOptions> _jobs;
    private readonly IOptionsMonitor<LimitsOptions> _limits;
    private readonly TimeProvider _clock;
    private readonly SubscriptionTexts _texts;

    public SubscriptionCommandHandler(
        ISubscriptionStore store, IChatRegistry registry, IMarketData market, IScheduleNotifier scheduler,
        IOptionsMonitor<JobsOptions> jobs, IOptionsMonitor<LimitsOptions> limits, TimeProvider clock, ILocalizer localizer)
    {
        _texts = new SubscriptionTexts(localizer);
        _store = store;
        _registry = registry;
        _market = market;
        _scheduler = scheduler;
        _jobs = jobs;
        _limits = limits;
        _clock = clock;
        Commands =
        [
            CommandSupport.Info(_texts, "subscribe", ["sub"], ("symbol", "opt.symbol", CommandOptionKind.Symbol, true),
                ("report", "opt.report", CommandOptionKind.Choice, true), ("schedule", "opt.schedule", CommandOptionKind.Text, false)),
            CommandSupport.Info(_texts, "unsubscribe", ["unsub"], ("target", "opt.target", CommandOptionKind.Text, true)),
            CommandSupport.Info(_texts, "subs", ["subscriptions", "mysubs"]),
            CommandSupport.Info(_texts, "mute", [], ("symbol", "opt.symbol", CommandOptionKind.Symbol, false),
                ("duration", "opt.duration", CommandOptionKind.Text, true)),
            CommandSupport.Info(_texts, "quiet", ["quiethours"], ("range", "opt.range", CommandOptionKind.Text, true)),
            CommandSupport.Info(_texts, "lang", ["language"], ("language", "opt.language", CommandOptionKind.Choice, true)),
            CommandSupport.Info(_texts, "tz", ["timezone"], ("zone", "opt.timezone", CommandOptionKind.Text, true)),
        ];
    }

    public IReadOnlyList<CommandInfo> Commands { get; }

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = await _registry.GetOrCreateAsync(request.Chat, request.Language, cancellationToken).ConfigureAwait(false);
        var language = request.Language;
        var report = request.Command switch
        {
            "subscribe" => await SubscribeAsync(request, settings, language, cancellationToken).ConfigureAwait(false),
            "unsubscribe" => await UnsubscribeAsync(request, language, cancellationToken).ConfigureAwait(false),
            "subs" => await ListAsync(request, settings, language, cancellationToken).ConfigureAwait(false),
            "mute" => await MuteAsync(request, settings, language, cancellationToken).ConfigureAwait(false),
            "quiet" => await QuietAsync(request, settings, language, cancellationToken).ConfigureAwait(false),
            "lang" => await LanguageAsync(request, language, cancellationToken).ConfigureAwait(false),
            "tz" => await TimeZoneAsync(request, language, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"Not a subscription command: {request.Command}", nameof(request)),
        };
        return CommandResult.Of(report);
    }
}
