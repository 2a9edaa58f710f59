using DerivBot.Core.Hosting;
using DerivBot.Core.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Application;

/// <summary>Binds and validates signal thresholds. Section: Signals.</summary>
public static class SignalsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SignalOptions"/> to the <c>Signals</c> section, validates it on start (messages name the key,
    /// e.g. "Signals:Funding:ElevatedPer8h must be less than Signals:Funding:ExtremePer8h.") and makes
    /// <c>IOptions&lt;SignalOptions&gt;</c> injectable. The signal engine itself is static and pure; nothing else is registered.
    /// </summary>
    public static IServiceCollection AddSignals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<SignalOptions, SignalOptionsValidator>(configuration, SignalOptions.SectionName);
        return services;
    }
}

/// <summary>Runs <see cref="SignalOptions.Validate"/> for the options pipeline.</summary>
internal sealed class SignalOptionsValidator : IValidateOptions<SignalOptions>
{
    public ValidateOptionsResult Validate(string? name, SignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
