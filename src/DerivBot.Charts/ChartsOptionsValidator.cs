using Microsoft.Extensions.Options;

namespace DerivBot.Charts;

/// <summary>Rejects <see cref="ChartsOptions.FontFamiliesByLanguage"/> keys that are not language codes, naming the config key.</summary>
internal sealed class ChartsOptionsValidator : IValidateOptions<ChartsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChartsOptions options)
    {
        var unknown = options.UnknownLanguageKeys().ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                string.Join("; ", unknown.Select(k => $"{ChartsOptions.SectionName}:{nameof(ChartsOptions.FontFamiliesByLanguage)}:{k} is not a language code (use en, zh-TW or zh-CN)")));
    }
}
