using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DerivBot.Host.Hosting;

public static class ConsoleTransportSetup
{
    /// <summary>The console "chat platform" the demo and <c>ask</c> post to, and the image folder they write into.</summary>
    public static IServiceCollection AddConsoleTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(new ConsoleOutput(Console.Out, Console.Error));
        services.TryAddSingleton<ImageFolder>();
        services.TryAddSingleton<ConsoleChatSender>();
        services.AddSingleton<IChatSender>(sp => sp.GetRequiredService<ConsoleChatSender>());
        return services;
    }
}
