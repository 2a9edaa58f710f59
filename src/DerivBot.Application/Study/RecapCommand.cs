using DerivBot.Core.Localization;
using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Study;

/// <summary>
/// <c>/recap [SYMBOL]</c> and the weekly recap digest (<c>/subscribe recap weekly sun 20:00</c>, or per symbol): per
/// symbol the week's quadrant changes, funding extremes, the largest liquidation cascade and the heatmap check, then
/// the chat's top quiz scorers of the week — one message in the chat's language.
/// </summary>
public sealed partial class RecapCommand(
    SymbolQuery query,
    SymbolLookup symbols,
    IMarketData market,
    IQuizStore quizzes,
    ILocalizer localizer,
    ISubscriptionStore? subscriptions = null,
    IChartRenderer? charts = null) : ICommandHandler
{
    /// <summary>The recap covers the 7 days before now.</summary>
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Quadrant sampling step.</summary>
    public static readonly TimeSpan QuadrantStep = TimeSpan.FromHours(4);

    /// <summary>Width of the window a cascade is measured in.</summary>
    public static readonly TimeSpan CascadeBucket = TimeSpan.FromMinutes(5);

    /// <summary>At most this many symbols per recap (a message has limits).</summary>
    public const int MaxSymbols = 5;

    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("recap", ["week"], CommandCatalog.Describe(localizer, "cmd.recap.description"), false, [CommandCatalog.SymbolOption(localizer, required: false)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ctx = await query.ContextAsync(request, cancellationToken).ConfigureAwait(false);
        var args = CommandArguments.Split(request.Arguments);
        if (args.Count > 1)
        {
            throw CommandUsageException.FromKey("error.usage.tooMany", ("extra", string.Join(' ', args.Skip(1))));
        }
        IReadOnlyList<Symbol> list;
        if (args.Count == 1)
        {
            list = [await symbols.ResolveAsync(args[0], cancellationToken).ConfigureAwait(false)];
        }
        else
        {
            var subs = subscriptions is null ? [] : await subscriptions.ListSubscriptionsAsync(request.Chat, cancellationToken).ConfigureAwait(false);
            list = subs.Select(s => s.Symbol).Where(s => s != DigestKindExtensions.AllSymbols).Distinct().Take(MaxSymbols).ToList();
        }
        var weeks = new List<SymbolWeek>();
        ChartImage? image = null;
        foreach (var symbol in list)
        {
            var snapshot = await market.GetSnapshotAsync(symbol, cancellationToken).ConfigureAwait(false);
            weeks.Add(Summarize(snapshot, ctx.Now, query.SignalOptions));
            if (weeks.Count == 1 && charts is { IsAvailable: true })
            {
                // The one image: the first symbol's 7-day history chart (price, OI, funding, quadrant spans).
                image = ChartReports.History(snapshot, "7d", query.SignalOptions, ctx, charts, cancellationToken).Image;
            }
        }
        var scores = await quizzes.GetScoresAsync(request.Chat with { ThreadId = null }, ctx.Now - Week, cancellationToken).ConfigureAwait(false);
        return CommandResult.Of(Build(weeks, scores.Take(3).ToList(), ctx), image, new { Symbols = weeks.Select(w => w.Symbol.Value).ToList(), Scores = scores.Take(3).ToList() });
    }
}
