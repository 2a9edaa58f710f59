using System.Text.RegularExpressions;

namespace DerivBot.Host.Tests.Repo;

/// <summary>
/// Keeps the port table of <c>docs/architecture.md</c> honest: every port it lists is an interface in <c>src</c>, every
/// fake and contract it names is a type in <c>tests</c>, and every shared fake in <c>tests/DerivBot.Testing</c> is named
/// in it — so a fake added, renamed or removed without the table (or the other way round) fails here.
/// </summary>
public sealed partial class PortTableTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void PortColumn_EveryPortIsAnInterfaceInSrc()
    {
        var interfaces = Declared("src", InterfaceDeclaration());

        var missing = Rows().SelectMany(r => Identifiers(r[0])).Where(n => !interfaces.Contains(n)).ToList();

        Assert.True(missing.Count == 0, $"docs/architecture.md lists ports that are no interface under src: {string.Join(", ", missing)}");
    }

    [Fact]
    public void FakeColumn_EveryNamedFakeAndContractIsATypeInTests()
    {
        var types = Declared("tests", TypeDeclaration());

        var missing = Rows().SelectMany(r => Identifiers(r[^1])).Where(n => !types.Contains(n)).ToList();

        Assert.True(missing.Count == 0, $"docs/architecture.md names fakes or contracts that tests do not declare: {string.Join(", ", missing)}");
    }

    [Fact]
    public void FakeColumn_NamesEverySharedFake()
    {
        var named = Rows().SelectMany(r => Identifiers(r[^1])).ToHashSet(StringComparer.Ordinal);
        var shared = Declared(Path.Combine("tests", "DerivBot.Testing"), TypeDeclaration())
            .Where(n => n.StartsWith("Fake", StringComparison.Ordinal) || n.StartsWith("InMemory", StringComparison.Ordinal) || n.StartsWith("Recording", StringComparison.Ordinal));

        var unnamed = shared.Where(n => !named.Contains(n)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unnamed.Count == 0, $"shared fakes in tests/DerivBot.Testing missing from docs/architecture.md's port table: {string.Join(", ", unnamed)}");
    }

    /// <summary>The cells of the port table's rows (section "## Ports", rows after the header; group rows like "**Core**" skipped).</summary>
    private static List<string[]> Rows()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "docs", "architecture.md"))
            .SkipWhile(l => l != "## Ports")
            .Skip(1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
        Assert.True(lines.Count >= 20, $"the port table has {lines.Count} rows; did the section move?");
        return lines;
    }

    /// <summary>The type names written in backticks in a cell (a name alone, not a command or a member).</summary>
    private static IEnumerable<string> Identifiers(string cell) =>
        TypeName().Matches(cell).Select(m => m.Groups[1].Value).Where(n => Contract(n) || n.StartsWith('I') || Shared(n));

    private static bool Contract(string name) => name.EndsWith("Contract", StringComparison.Ordinal) || name.EndsWith("ContractTests", StringComparison.Ordinal);

    private static bool Shared(string name) => name.StartsWith("Fake", StringComparison.Ordinal) || name.StartsWith("InMemory", StringComparison.Ordinal) || name.StartsWith("Recording", StringComparison.Ordinal);

    private static HashSet<string> Declared(string folder, Regex declaration) =>
        Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => declaration.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DerivBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("DerivBot.sln not found above the test output folder");
    }

    [GeneratedRegex(@"`([A-Z][A-Za-z0-9]+)`")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"\binterface\s+([A-Z][A-Za-z0-9]+)")]
    private static partial Regex InterfaceDeclaration();

    [GeneratedRegex(@"\b(?:class|record|struct)\s+([A-Z][A-Za-z0-9]+)")]
    private static partial Regex TypeDeclaration();
}
