using DerivBot.Application.Study;
using DerivBot.Core.Hosting;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DerivBot.Application;

/// <summary>Registers study-group mode: /quiz, /scores, the quiz book platforms score answers through, and the Discord
/// reveal service. Section: Quiz. Needs <see cref="IQuizStore"/> and <see cref="ISweepStore"/> (AddStorage) and the commands area.</summary>
public static class StudyServiceCollectionExtensions
{
    public static IServiceCollection AddStudy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<QuizOptions>(configuration, QuizOptions.Section)
            .Validate(o => o.OpenPeriod >= TimeSpan.FromSeconds(30) && o.OpenPeriod <= TimeSpan.FromDays(7), "Quiz:OpenPeriod must be between 00:00:30 and 7.00:00:00.")
            .Validate(o => o.RevealCheckInterval >= TimeSpan.FromSeconds(1) && o.RevealCheckInterval <= TimeSpan.FromMinutes(10), "Quiz:RevealCheckInterval must be between 00:00:01 and 00:10:00.")
            .Validate(o => o.ScoreboardSize is >= 1 and <= 50, "Quiz:ScoreboardSize must be between 1 and 50.");
        services.TryAddSystemClock();
        services.TryAddSingleton<QuizMaker>();
        services.TryAddSingleton<QuizBook>();
        services.TryAddSingleton<IQuizBook>(sp => sp.GetRequiredService<QuizBook>());
        services.AddSingleton<ICommandHandler, QuizCommand>();
        services.AddSingleton<ICommandHandler, ScoresCommand>();
        services.AddSingleton<ICommandHandler, RecapCommand>();
        services.AddHostedService<QuizRevealService>();
        // The heatmap check's history: after the market store's refresher (AddSubscriptions runs first), so each cycle
        // checks the snapshot it just refreshed. Needs ISweepStore (AddStorage).
        services.TryAddSingleton<SweepRecorder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Subscriptions.IMarketRefresher, SweepRecorder>(sp => sp.GetRequiredService<SweepRecorder>()));
        return services;
    }
}
