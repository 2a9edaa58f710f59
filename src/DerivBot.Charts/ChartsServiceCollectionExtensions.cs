using DerivBot.Core.Hosting;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Charts;

/// <summary>Registers the SkiaSharp chart renderer. Section: Charts.</summary>
public static class ChartsServiceCollectionExtensions
{
    // { "Charts": { "Enabled": true, "FontFamilies": [],   (empty = the embedded DerivBot Sans TC/SC fonts)
    //               "FontFamiliesByLanguage": { "zh-CN": ["Noto Sans CJK SC"], "zh-TW": ["Noto Sans CJK TC"] },
    //               "DefaultWidth": 1280, "DefaultHeight": 720 } }
    public static IServiceCollection AddCharts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<ChartsOptions, ChartsOptionsValidator>(configuration, ChartsOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<SkiaChartRenderer>(sp => new SkiaChartRenderer(sp.GetRequiredService<IOptions<ChartsOptions>>().Value));
        services.AddSingleton<IChartRenderer>(sp => sp.GetRequiredService<SkiaChartRenderer>());
        // Resolving the renderer at start loads the native library and the fonts once (single-threaded, before any render) and logs it.
        services.AddHostedService<ChartsAvailabilityLogger>();
        return services;
    }
}
