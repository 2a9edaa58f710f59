using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Charts;

/// <summary>Registers the cairo chart renderer. Section: Charts.</summary>
public static class ChartsServiceCollectionExtensions
{
    // { "Charts": { "Enabled": true, "FontFamilies": ["Noto Sans CJK TC"], "CairoLibrary": "libcairo.so.2",
    //               "FontFamiliesByLanguage": { "zh-CN": ["Noto Sans CJK SC"], "zh-TW": ["Noto Sans CJK TC"] },
    //               "FontconfigLibrary": "libfontconfig.so.1", "DefaultWidth": 1280, "DefaultHeight": 720 } }
    public static IServiceCollection AddCharts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChartsOptions>()
            .Bind(configuration.GetSection(ChartsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChartsOptions>, ChartsOptionsValidator>();
        services.AddSingleton<CairoChartRenderer>(sp => new CairoChartRenderer(sp.GetRequiredService<IOptions<ChartsOptions>>().Value));
        services.AddSingleton<IChartRenderer>(sp => sp.GetRequiredService<CairoChartRenderer>());
        // Resolving the renderer at start runs the probe once (single-threaded, before any render) and logs it.
        services.AddHostedService<ChartsAvailabilityLogger>();
        return services;
    }
}
