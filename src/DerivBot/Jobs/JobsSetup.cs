using DerivBot.Application.Subscriptions;
using DerivBot.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace DerivBot.Host.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Quartz: market refresh per venue, digests per schedule, alert evaluation. Section: Jobs.
    /// <list type="bullet">
    /// <item><description><see cref="MarketRefreshJob"/> every <c>Jobs:RefreshInterval</c>: refresh the watched symbols once each, record history, evaluate alerts, release held alerts.</description></item>
    /// <item><description><see cref="DigestJob"/> on one trigger that always points at the earliest due subscription; it is moved at start
    /// (schedules rebuilt from the database) and whenever a command changes subscriptions.</description></item>
    /// </list>
    /// The scheduler runs on the DI <see cref="TimeProvider"/>, so an accelerated or replay clock drives it.
    /// <para>
    /// With <c>Storage:Provider</c> = <c>Postgres</c> (<see cref="JobsTopology"/>) the scheduler is Quartz's clustered
    /// AdoJobStore on the shared database (tables made by our migrations, System.Text.Json serializer, instance ids
    /// generated, check-in every <c>Jobs:ClusterCheckinInterval</c>): each firing of <see cref="DigestJob"/> and of
    /// <see cref="MarketRefreshJob"/> — there only the alert evaluation, held-alert release, pruning and the digest
    /// backstop — happens on ONE instance, and a dead instance's triggers recover on the others. Each instance
    /// refreshes its own market data in <see cref="LocalMarketRefreshService"/>, outside Quartz. Digest times come
    /// from the database (slots counted from each chat's local midnight), so whichever instance runs them they fire
    /// at the same minutes.
    /// </para>
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // AddSubscriptions binds and validates JobsOptions; repeating the binding here keeps AddJobs usable on its own.
        services.AddValidatedOptions<JobsOptions, JobsOptionsValidator>(configuration, JobsOptions.Section);
        services.TryAddSystemClock();
        services.Replace(ServiceDescriptor.Singleton<IScheduleNotifier, QuartzScheduleNotifier>());
        var topology = JobsTopology.From(configuration);
        services.TryAddSingleton(topology);

        // The clock instance registered so far (tests and the replay verb register theirs before AddJobs).
        var clock = services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider) && d.ImplementationInstance is TimeProvider)?.ImplementationInstance as TimeProvider;
        services.AddQuartz(q =>
        {
            if (clock is not null)
            {
                q.UseTimeProvider(clock);
            }
            if (topology.Clustered)
            {
                var checkin = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>()?.ClusterCheckinInterval ?? new JobsOptions().ClusterCheckinInterval;
                q.UsePersistentStore(store =>
                {
                    // The factory overload: no driver type loaded by name. The schema is ours (migration step 8) and
                    // Quartz only validates it.
                    store.UsePostgres(Npgsql.NpgsqlFactory.Instance, topology.ConnectionString ?? string.Empty);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c =>
                    {
                        // Clamped so a bad value fails in options validation (naming the key), not here.
                        c.CheckinInterval = checkin > TimeSpan.Zero ? checkin : new JobsOptions().ClusterCheckinInterval;
                    });
                });
            }
            q.AddJob<MarketRefreshJob>(j => j.WithIdentity(MarketRefreshJob.Key).StoreDurably());
            q.AddJob<DigestJob>(j => j.WithIdentity(DigestJob.Key).StoreDurably());
            q.AddTrigger((sp, t) => t
                .ForJob(MarketRefreshJob.Key)
                .WithIdentity(MarketRefreshJob.TriggerKey)
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(sp.GetRequiredService<IOptions<JobsOptions>>().Value.RefreshInterval)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        if (topology.Clustered)
        {
            services.AddHostedService<LocalMarketRefreshService>();
        }
        services.AddHostedService<DigestScheduleBootstrap>();
        return services;
    }

    /// <summary>Rebuilds the digest trigger from the database once the scheduler runs.</summary>
    private sealed class DigestScheduleBootstrap(IScheduleNotifier notifier) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => notifier.SchedulesChangedAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
