using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Host.Hosting;

public static class ConsoleTransportSetup
{
    /// <summary>The console "chat platform" the demo posts to.</summary>
    public static IServiceCollection AddConsoleTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
