using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
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
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILocalizer, ResxLocalizer>();
        services.TryAddSingleton<PlainTextReportRenderer>();
        services.TryAddSingleton<SymbolLookup>();
        services.TryAddSingleton<ChatTimeZones>();
        services.TryAddSingleton<SymbolQuery>();
        services.TryAddSingleton<ISymbolCatalog, MarketSymbolCatalog>();

        services.AddSingleton<ICommandHandler, FundingCommand>();
        services.AddSingleton<ICommandHandler, OpenInterestCommand>();
        services.AddSingleton<ICommandHandler, QuadrantCommand>();
        services.AddSingleton<ICommandHandler, LiquidationsCommand>();
        services.AddSingleton<ICommandHandler, LongShortCommand>();
        services.AddSingleton<ICommandHandler, RsiCommand>();
        services.AddSingleton<ICommandHandler, SignalCommand>();
        services.AddSingleton<ICommandHandler, ChartCommand>();
        services.AddSingleton<ICommandHandler, LearnCommand>();
        services.AddVenueAggregation(configuration);
        services.AddSingleton<ICommandHandler, VenuesCommand>();
        services.TryAddSingleton<OptionChains.OptionsMarket>();
        services.AddSingleton<ICommandHandler, OptionsCommand>();
        services.AddSingleton<ICommandHandler, LevelsCommand>();

        services.TryAddSingleton<ICommandDispatcher, CommandDispatcher>();
        return services;
    }
}
