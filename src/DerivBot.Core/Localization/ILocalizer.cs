namespace DerivBot.Core.Localization;

/// <summary>
/// Wording for every language: the one localization mechanism of the bot (the port lives here so platform adapters
/// can use it; the resource-backed implementation is <c>ResxLocalizer</c> in the application). Templates live in
/// <c>DerivBot.Application/Localization/Strings*.resx</c> (en = neutral, zh-TW, zh-CN) and
/// use named placeholders such as <c>{symbol}</c>. A missing key or a missing argument throws
/// <see cref="MissingTextException"/>: there is no silent fallback to English.
/// </summary>
public interface ILocalizer
{
    /// <summary>Every key (identical in all languages; checked when the localizer is built).</summary>
    IReadOnlyCollection<string> Keys { get; }

    bool Has(string key);

    /// <summary>The template for <paramref name="key"/> with its placeholders filled from <paramref name="args"/>.</summary>
    string Get(Language language, string key, params ReadOnlySpan<TextArg> args);
}

/// <summary>A placeholder value: <c>new TextArg("symbol", "BTCUSDT")</c> or <c>("symbol", "BTCUSDT")</c>.</summary>
public readonly record struct TextArg(string Name, string Value)
{
    public static implicit operator TextArg((string Name, string Value) pair) => new(pair.Name, pair.Value);
}

/// <summary>Thrown when wording is missing. It means a bug (a key not in a resource file), never bad user input.</summary>
public sealed class MissingTextException : Exception
{
    public MissingTextException(string message)
        : base(message)
    {
    }

    public MissingTextException()
    {
    }

    public MissingTextException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>An <see cref="ILocalizer"/> bound to one language, for report builders: <c>t["funding.title"]</c>.</summary>
public readonly record struct Texts(ILocalizer Localizer, Language Language)
{
    public string this[string key] => Localizer.Get(Language, key);

    public string Get(string key, params ReadOnlySpan<TextArg> args) => Localizer.Get(Language, key, args);
}
