using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DerivBot.Host.Hosting;

public static class ClockSetup
{
    /// <summary>
    /// The one clock every component reads. Live: the system clock. Replay: the venue registers the scenario's
    /// clock first (fixed for <c>ask --replay</c>, accelerated for <c>demo</c>), and this only fills the gap.
    /// </summary>
    public static IServiceCollection AddClock(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
