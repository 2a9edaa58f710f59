using DerivBot.Application.Subscriptions;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Tests.Localization;

/// <summary>
/// Every word the bot says comes through <see cref="ILocalizer"/> from <c>Localization/Strings*.resx</c>, so the
/// parity checks (missing keys, placeholder mismatches) in <see cref="LocalizerTests"/> cover all of it: the
/// subscription wording (<c>sub.*</c>), the command limit (<c>limit.*</c>) and the Discord adapter's (<c>discord.*</c>)
/// included. These tests keep a second mechanism from growing back.
/// </summary>
public sealed class OneMechanismTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Sources_ResourceFiles_AreOnlyTheStringsTables()
    {
        var resx = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
        [
            "src/DerivBot.Application/Localization/Strings.resx",
            "src/DerivBot.Application/Localization/Strings.zh-CN.resx",
            "src/DerivBot.Application/Localization/Strings.zh-TW.resx",
        ], resx);
    }

    [Fact]
    public void Sources_NoResourceManagerOutsideTheLocalizer()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => !p.EndsWith("ResxLocalizer.cs", StringComparison.Ordinal))
            .Where(p => File.ReadAllText(p).Contains("new ResourceManager(", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData(Language.En, "Subscribed")]
    [InlineData(Language.ZhTw, "已訂閱")]
    [InlineData(Language.ZhCn, "已订阅")]
    public void Localizer_FoldedKeys_AreServedInEveryLanguage(Language language, string subscribed)
    {
        var t = TestData.Localizer;

        Assert.Equal(subscribed, t.Get(language, SubscriptionTexts.KeyPrefix + "subscribe.title"));
        Assert.Contains("7", t.Get(language, "limit.slowDown", ("perMinute", "7")), StringComparison.Ordinal);
        Assert.Contains("/help", t.Get(language, "discord.staleButton"), StringComparison.Ordinal);
        Assert.True(t.Keys.Count(k => k.StartsWith(SubscriptionTexts.KeyPrefix, StringComparison.Ordinal)) > 100);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DerivBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("DerivBot.sln not found above " + AppContext.BaseDirectory);
    }
}
