using DerivBot.Application.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace DerivBot.Host.Http;

public static class HttpSetup
{
    /// <summary>
    /// The HTTP listener (<see cref="DerivBotHttpServer"/>), OpenTelemetry metrics exported for Prometheus, and the store
    /// probe sampler. Section: Http. Nothing is registered when <c>Http:Enabled</c> is false (<c>demo</c> and <c>ask</c>
    /// turn it off, so they never need a free port). The obsolete <c>Telegram:WebhookListen</c>, when set, still
    /// decides host and port (it is where an existing reverse proxy sends Telegram's posts), with a warning at start.
    /// </summary>
    public static IServiceCollection AddHttp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var legacy = configuration["Telegram:WebhookListen"];
        services.AddOptions<HttpOptions>()
            .Bind(configuration.GetSection(HttpOptions.Section))
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(legacy) && Uri.TryCreate(legacy, UriKind.Absolute, out var old))
                {
                    o.Listen = old.Authority;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpOptions>, HttpOptionsValidator>());
        if (!(configuration.GetSection(HttpOptions.Section).GetValue<bool?>(nameof(HttpOptions.Enabled)) ?? true))
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(DerivBotMetrics.MeterName)
            // Every scrape sees the values of that moment (the default caches the answer for 300 ms).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddHostedService<StoreProbeSampler>();
        services.AddSingleton<DerivBotHttpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<DerivBotHttpServer>());
        if (!string.IsNullOrWhiteSpace(legacy))
        {
            services.AddHostedService(sp => new ObsoleteKeyNotice(sp.GetRequiredService<ILoggerFactory>().CreateLogger("DerivBot.Http"),
                sp.GetRequiredService<IOptions<HttpOptions>>().Value.Listen));
        }
        return services;
    }
}
