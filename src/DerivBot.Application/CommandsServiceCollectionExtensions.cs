using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Hosting;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DerivBot.Application;

/// <summary>Registers the command dispatcher, report builders and localization.</summary>
/// <remarks>
/// The dispatcher routes to every <see cref="ICommandHandler"/> in DI, so other areas add theirs with
/// <c>services.AddSingleton&lt;ICommandHandler, TheirHandler&gt;()</c>. Needs <see cref="IMarketData"/> (market area);
/// uses <see cref="IChatRegistry"/> for chat time zones when one is registered, UTC otherwise, and
/// <see cref="IChartRenderer"/> for images when one is registered and available.
/// </remarks>
public static class CommandsServiceCollectionExtensions
{
    public static IServiceCollection AddCommands(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSystemClock();
        services.TryAddSingleton<ILocalizer, ResxLocalizer>();
        services.TryAddSingleton<PlainTextReportRenderer>();
        services.TryAddSingleton<SymbolLookup>();
        services.TryAddSingleton<ChatTimeZones>();
        services.TryAddSingleton<SymbolQuery>();
        services.TryAddSingleton<ISymbolCatalog, MarketSymbolCatalog>();

        services.AddSymbolReport((sp, q, l) => SymbolReportCommands.Funding(q, l));
        services.AddSymbolReport((sp, q, l) => SymbolReportCommands.OpenInterest(q, l));
        services.AddSymbolReport((sp, q, l) => SymbolReportCommands.Quadrant(q, l));
        services.AddSingleton<ICommandHandler, LiquidationsCommand>();
        services.AddSymbolReport((sp, q, l) => SymbolReportCommands.LongShort(q, l));
        services.AddSymbolReport((sp, q, l) => SymbolReportCommands.Rsi(q, l));
        services.AddSymbolReport((sp, q, l) => SymbolReportCommands.Signal(q, l, sp.GetService<OptionChains.OptionsMarket>()));
        services.AddSingleton<ICommandHandler, ChartCommand>();
        services.AddSingleton<ICommandHandler, LearnCommand>();
        services.AddVenueAggregation(configuration);
        services.AddSingleton<ICommandHandler, VenuesCommand>();
        services.TryAddSingleton<OptionChains.OptionsMarket>();
        services.AddSingleton<ICommandHandler, OptionsCommand>();
        services.AddSymbolReport((sp, q, l) => SymbolReportCommands.Levels(q, l, sp.GetService<Study.ISweepStore>()));

        // Every platform's commands pass the per-user limit; digests render through the dispatcher behind it.
        services.AddCommandRateLimitOptions(configuration);
        services.TryAddSingleton<CommandDispatcher>();
        services.TryAddSingleton<CommandRateLimiter>();
        services.TryAddSingleton<ICommandDispatcher>(sp => new RateLimitedCommandDispatcher(
            sp.GetRequiredService<CommandDispatcher>(), sp.GetRequiredService<CommandRateLimiter>(), sp.GetRequiredService<ILocalizer>()));
        return services;
    }

    /// <summary><see cref="LimitsOptions"/> (for <see cref="LimitsOptions.CommandsPerUserPerMinute"/>), reading the older
    /// <c>Telegram:CommandsPerUserPerMinute</c> when <c>Limits:CommandsPerUserPerMinute</c> is not set.</summary>
    public static IServiceCollection AddCommandRateLimitOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<LimitsOptions, LimitsOptionsValidator>(configuration, LimitsOptions.Section)
            .PostConfigure(o =>
            {
                if (configuration[LimitsOptions.Section + ":" + nameof(LimitsOptions.CommandsPerUserPerMinute)] is null
                    && configuration["Telegram:CommandsPerUserPerMinute"] is { Length: > 0 } legacy)
                {
                    o.CommandsPerUserPerMinute = int.TryParse(legacy, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
                        ? n
                        : 0; // rejected by the validator with a message naming the key
                }
            });
        return services;
    }

    /// <summary>Registers one <see cref="SymbolReportCommand"/> built by <paramref name="create"/> from the shared query and localizer.</summary>
    private static void AddSymbolReport(this IServiceCollection services, Func<IServiceProvider, SymbolQuery, ILocalizer, SymbolReportCommand> create) =>
        services.AddSingleton<ICommandHandler>(sp => create(sp, sp.GetRequiredService<SymbolQuery>(), sp.GetRequiredService<ILocalizer>()));
}
