using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DerivBot.Charts.Native;
using SkiaSharp;

namespace DerivBot.Charts.Tests;

/// <summary>
/// The shipped fonts cover every character a chart can draw: every string of every language's resources (chart titles
/// and labels come from them, and other wording may move onto charts), and every literal in the chart sources
/// (painters' own symbols such as ≥ or ·, Core's chart labels). A character missing here would be drawn as a box:
/// rebuild the subsets with tools/fonts/build-subsets.sh.
/// </summary>
public sealed partial class FontCoverageTests
{
    private static readonly string Root = FindRoot();

    /// <summary>Resource keys whose text is drawn on charts today (ChartReports): these may not even contain emoji.</summary>
    private static bool IsChartKey(string key) =>
        key.StartsWith("chart.", StringComparison.Ordinal) || key.StartsWith("liq.chart", StringComparison.Ordinal)
        || key.StartsWith("state.", StringComparison.Ordinal) || key.StartsWith("common.", StringComparison.Ordinal);

    /// <summary>Pictographs (U+1F000 and up: 🔔 alerts) and the emoji-presentation symbols and dingbats (U+2600–U+27BF:
    /// ✅ ❌ quiz answers) live in message text and need a colour emoji font; charts never draw them.</summary>
    private static bool IsEmoji(Rune r) => r.Value >= 0x1F000 || r.Value is >= 0x2600 and <= 0x27BF;

    public static TheoryData<string, bool> Faces() => new()
    {
        { "TC", false }, { "TC", true }, { "SC", false }, { "SC", true },
    };

    [Theory]
    [MemberData(nameof(Faces))]
    public void EmbeddedFace_EveryResourceString_HasEveryGlyph(string region, bool bold)
    {
        var faces = FontFaces.EmbeddedFaces(region);
        using var font = new SKFont(bold ? faces.Bold : faces.Regular);
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count >= 3, "expected the en, zh-TW and zh-CN resource files under src/");
        var missing = new SortedDictionary<int, string>();
        var checkedStrings = 0;
        foreach (var file in files)
        {
            foreach (var data in XDocument.Load(file).Root!.Elements("data"))
            {
                var key = (string?)data.Attribute("name") ?? "";
                var value = (string?)data.Element("value") ?? "";
                checkedStrings++;
                foreach (var rune in value.EnumerateRunes())
                {
                    if (Rune.IsControl(rune) || (IsEmoji(rune) && !IsChartKey(key)) || font.GetGlyph(rune.Value) != 0)
                    {
                        continue;
                    }
                    missing.TryAdd(rune.Value, $"'{rune}' U+{rune.Value:X4} in {Path.GetFileName(file)} key {key}");
                }
            }
        }

        Assert.True(checkedStrings > 300, $"only {checkedStrings} resource strings found");
        Assert.True(missing.Count == 0, $"DerivBot Sans {region} {(bold ? "Bold" : "Regular")} lacks: " + string.Join("; ", missing.Values));
    }

    [Theory]
    [MemberData(nameof(Faces))]
    public void EmbeddedFace_EveryChartSourceLiteral_HasEveryGlyph(string region, bool bold)
    {
        var faces = FontFaces.EmbeddedFaces(region);
        using var font = new SKFont(bold ? faces.Bold : faces.Regular);
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src", "DerivBot.Charts"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "src", "DerivBot.Core", "Charts"), "*.cs"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var missing = new SortedDictionary<int, string>();
        var nonAscii = 0;
        foreach (var file in sources)
        {
            foreach (Match m in Literal().Matches(File.ReadAllText(file)))
            {
                var text = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                foreach (var rune in text.EnumerateRunes())
                {
                    nonAscii += rune.Value > 0x7F ? 1 : 0;
                    if (!Rune.IsControl(rune) && font.GetGlyph(rune.Value) == 0)
                    {
                        missing.TryAdd(rune.Value, $"'{rune}' U+{rune.Value:X4} in {Path.GetFileName(file)}");
                    }
                }
            }
        }

        Assert.True(nonAscii > 5, "the chart sources' non-ASCII literals (≥, ·, –, 萬 …) were not found");
        Assert.True(missing.Count == 0, $"DerivBot Sans {region} {(bold ? "Bold" : "Regular")} lacks: " + string.Join("; ", missing.Values));
    }

    [Fact]
    public void FontCoverage_CharacterAbsentFromTheSubset_IsReported()
    {
        // The check above can fail: a Han character no resource uses is not in the subset.
        using var font = new SKFont(FontFaces.EmbeddedFaces("TC").Regular);

        Assert.Equal(0, font.GetGlyph('龘'));
        Assert.NotEqual(0, font.GetGlyph('清'));
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DerivBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("DerivBot.sln not found above the test output folder");
    }

    // String and char literals of C# source, comments skipped (the same pattern as tools/fonts/subset.py).
    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|""((?:\\.|[^""\\\n])*)""|'((?:\\.|[^'\\\n]))'", RegexOptions.Singleline)]
    private static partial Regex Literal();
}
