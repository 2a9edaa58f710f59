using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Host.Jobs;

public static class JobsSetup
{
    /// <summary>Quartz: market refresh per venue, digests per schedule, alert evaluation. Section: Jobs.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
