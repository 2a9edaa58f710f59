using System.Text.RegularExpressions;
using DerivBot.Application.Localization;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Tests.Subscriptions;

public sealed partial class SubscriptionTextsTests
{
    private static readonly ResxLocalizer Localizer = new();

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();

    [Theory]
    [InlineData(Language.ZhTw)]
    [InlineData(Language.ZhCn)]
    public void EveryKey_ExistsInEveryLanguage_WithSamePlaceholders(Language language)
    {
        // The wording lives in Localization/Strings*.resx under sub.; LocalizerTests check the whole file as well.
        var english = SubscriptionTexts.RawTable(Localizer, Language.En);
        var other = SubscriptionTexts.RawTable(Localizer, language);
        Assert.True(english.Count > 50);
        Assert.Empty(english.Keys.Except(other.Keys));
        Assert.Empty(other.Keys.Except(english.Keys));
        foreach (var (key, text) in english)
        {
            var expected = Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order();
            var actual = Placeholder().Matches(other[key]).Select(m => m.Groups[1].Value).Distinct().Order();
            Assert.True(expected.SequenceEqual(actual), $"{key} ({language.ToCode()}) placeholders differ");
            Assert.False(string.IsNullOrWhiteSpace(other[key]), key);
        }
    }

    [Fact]
    public void Get_ChineseVariants_AreDistinctFromEnglish()
    {
        var texts = new SubscriptionTexts(Localizer);
        Assert.Equal("Subscribed", texts.Get(Language.En, "subscribe.title"));
        Assert.Equal("已訂閱", texts.Get(Language.ZhTw, "subscribe.title"));
        Assert.Equal("已订阅", texts.Get(Language.ZhCn, "subscribe.title"));
    }
}
