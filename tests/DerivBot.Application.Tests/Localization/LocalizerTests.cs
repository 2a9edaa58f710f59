using DerivBot.Application.Localization;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Tests.Localization;

public sealed class LocalizerTests
{
    [Fact]
    public void Resources_EveryLanguage_HasEveryKeyWithTheSamePlaceholders()
    {
        // The real resource files load without complaint (the constructor checks parity)...
        var localizer = new ResxLocalizer();
        Assert.NotEmpty(localizer.Keys);
        foreach (var key in localizer.Keys)
        {
            foreach (var language in Enum.GetValues<Language>())
            {
                Assert.True(localizer.Has(key));
                Assert.False(string.IsNullOrWhiteSpace(Raw(localizer, language, key)), $"{key} empty in {language}");
            }
        }
    }

    [Fact]
    public void Resources_ChineseTables_AreTranslatedNotCopiedFromEnglish()
    {
        var localizer = TestData.Localizer;
        // Keys whose text is legitimately the same in every language (formats and symbols only).
        var universal = new HashSet<string>(StringComparer.Ordinal) { "rsi.title", "signal.rsi", "ls.value", "sub.syntax.lang" };
        foreach (var key in localizer.Keys.Where(k => !universal.Contains(k)))
        {
            var en = Raw(localizer, Language.En, key);
            if (!System.Text.RegularExpressions.Regex.Replace(en, "\\{[a-zA-Z_0-9]+\\}", string.Empty).Any(char.IsAsciiLetter))
            {
                continue;
            }
            Assert.NotEqual(en, Raw(localizer, Language.ZhTw, key));
            Assert.NotEqual(en, Raw(localizer, Language.ZhCn, key));
        }
    }

    [Fact]
    public void Check_KeyMissingInOneLanguage_IsReported()
    {
        var tables = Tables(("a", "A {x}", "甲 {x}", "甲 {x}"));
        ((Dictionary<string, string>)tables[Language.ZhCn]).Remove("a");

        var problems = ResxLocalizer.Check(tables);

        Assert.Contains(problems, p => p.Contains("zh-CN", StringComparison.Ordinal) && p.Contains("'a'", StringComparison.Ordinal));
        Assert.Throws<MissingTextException>(() => new ResxLocalizer(tables));
    }

    [Fact]
    public void Check_PlaceholderMismatch_IsReported()
    {
        var tables = Tables(("a", "A {x}", "甲 {y}", "甲 {x}"));

        Assert.Single(ResxLocalizer.Check(tables));
    }

    [Fact]
    public void Get_UnknownKey_ThrowsInsteadOfFallingBack()
    {
        var ex = Assert.Throws<MissingTextException>(() => TestData.Localizer.Get(Language.ZhTw, "no.such.key"));
        Assert.Contains("no.such.key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_MissingArgument_Throws() =>
        Assert.Throws<MissingTextException>(() => TestData.Localizer.Get(Language.En, "funding.title"));

    [Theory]
    [InlineData(Language.En, "BTCUSDT · Funding")]
    [InlineData(Language.ZhTw, "BTCUSDT · 資金費率")]
    [InlineData(Language.ZhCn, "BTCUSDT · 资金费率")]
    public void Get_WithArguments_FillsNamedPlaceholders(Language language, string expected) =>
        Assert.Equal(expected, TestData.Localizer.Get(language, "funding.title", ("symbol", "BTCUSDT")));

    private static string Raw(ILocalizer localizer, Language language, string key) => ((ResxLocalizer)localizer).Template(language, key);

    private static Dictionary<Language, IReadOnlyDictionary<string, string>> Tables(params (string Key, string En, string Tw, string Cn)[] rows) => new()
    {
        [Language.En] = rows.ToDictionary(r => r.Key, r => r.En),
        [Language.ZhTw] = rows.ToDictionary(r => r.Key, r => r.Tw),
        [Language.ZhCn] = rows.ToDictionary(r => r.Key, r => r.Cn),
    };
}
