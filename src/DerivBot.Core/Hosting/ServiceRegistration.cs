using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DerivBot.Core.Hosting;

/// <summary>
/// The two registration steps every <c>*ServiceCollectionExtensions</c> repeats: options bound from their section and
/// validated at start (so a bad value stops the bot with a message naming the key), and the system clock unless a
/// test, the replay verb or the demo registered theirs first. Lives in Core so every project (venues, platforms,
/// storage, charts, the host) uses the same recipe.
/// </summary>
public static class ServiceRegistration
{
    /// <summary><typeparamref name="TOptions"/> bound from <paramref name="section"/> and validated at start (data
    /// annotations, <c>Validate(...)</c> calls or validators chained on the returned builder).</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary><typeparamref name="TOptions"/> bound from <paramref name="section"/> and validated at start by
    /// <typeparamref name="TValidator"/> (registered once however often this is called).</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var options = services.AddValidatedOptions<TOptions>(configuration, section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return options;
    }

    /// <summary><see cref="TimeProvider.System"/> as the clock unless one is registered already (as an instance, so the
    /// host can find the clock registered so far).</summary>
    public static IServiceCollection TryAddSystemClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
