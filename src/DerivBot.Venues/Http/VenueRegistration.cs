using DerivBot.Core.Hosting;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Http;

/// <summary>
/// The registration recipe every live venue adapter follows, so each <c>*Setup</c> states only what is particular to its
/// venue: options bound from its section and validated at start (every message naming the key), the named HttpClient,
/// the venue singleton built on that client, and the ports it serves.
/// </summary>
internal static class VenueRegistration
{
    /// <summary>
    /// The system clock (unless one is registered) and <typeparamref name="TOptions"/> bound from
    /// <paramref name="sectionName"/>, validated at start by <typeparamref name="TValidator"/>.
    /// </summary>
    public static OptionsBuilder<TOptions> AddVenueOptions<TOptions, TValidator>(this IServiceCollection services,
        IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddSystemClock();
        return services.AddValidatedOptions<TOptions, TValidator>(configuration, sectionName);
    }

    /// <summary>
    /// Unless the venue section sets its own <c>RequestTimeout</c>, the shared <c>Venues:RequestTimeout</c> applies
    /// (<see cref="OptionChecks.InheritedRequestTimeout"/>); otherwise the option's default stays.
    /// </summary>
    public static OptionsBuilder<TOptions> InheritRequestTimeout<TOptions>(this OptionsBuilder<TOptions> options,
        IConfiguration configuration, string sectionName, Action<TOptions, TimeSpan> setRequestTimeout)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(sectionName);
        return options.PostConfigure(o =>
        {
            if (OptionChecks.InheritedRequestTimeout(configuration, section) is { } shared)
            {
                setRequestTimeout(o, shared);
            }
        });
    }

    /// <summary>
    /// The venue singleton <typeparamref name="TVenue"/> on the named HttpClient <paramref name="httpClientName"/>; the
    /// rest of its public constructor (options, clock, logger) comes from the container.
    /// </summary>
    public static IServiceCollection AddVenueSingleton<TVenue>(this IServiceCollection services, string httpClientName)
        where TVenue : class =>
        services.AddVenueSingleton(httpClientName, (sp, http) => ActivatorUtilities.CreateInstance<TVenue>(sp, http));

    /// <summary>
    /// The venue singleton <typeparamref name="TVenue"/>, built by <paramref name="create"/> on the named HttpClient
    /// <paramref name="httpClientName"/> (registered here, see <see cref="AddVenueHttpClient"/>).
    /// </summary>
    public static IServiceCollection AddVenueSingleton<TVenue>(this IServiceCollection services, string httpClientName,
        Func<IServiceProvider, HttpClient, TVenue> create)
        where TVenue : class
    {
        services.AddVenueHttpClient(httpClientName);
        services.TryAddSingleton(sp => create(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName)));
        return services;
    }

    /// <summary>The venue singleton <typeparamref name="TVenue"/> as one more <see cref="IVenueOverview"/> (the cross-venue view).</summary>
    public static IServiceCollection AddVenueOverview<TVenue>(this IServiceCollection services)
        where TVenue : class, IVenueOverview
    {
        services.AddSingleton<IVenueOverview>(sp => sp.GetRequiredService<TVenue>());
        return services;
    }

    /// <summary>
    /// The venue singleton <typeparamref name="TVenue"/> as the keyed <see cref="IMarketDataVenue"/> under
    /// <paramref name="venueId"/>, a primary candidate; the un-keyed one belongs to primary-venue selection.
    /// </summary>
    public static IServiceCollection AddKeyedMarketDataVenue<TVenue>(this IServiceCollection services, string venueId)
        where TVenue : class, IMarketDataVenue
    {
        services.AddKeyedSingleton<IMarketDataVenue>(venueId, (sp, _) => sp.GetRequiredService<TVenue>());
        return services;
    }

    /// <summary>The named HttpClient every venue adapter uses: our own timeouts (on the injected clock), recycled connections.</summary>
    private static void AddVenueHttpClient(this IServiceCollection services, string name)
    {
        services.AddHttpClient(name, client =>
            {
                // Timeouts are ours (per request and per call, on the injected clock); HttpClient's would fire on the wall clock.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("DerivBot/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Venues are singletons holding one client: recycle pooled connections so DNS changes are seen.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's own handlers log every request URL at Information; no URL is logged (the token/URL rule), and
            // the venue logs what matters itself (bans, retries).
            .RemoveAllLoggers();
    }
}
