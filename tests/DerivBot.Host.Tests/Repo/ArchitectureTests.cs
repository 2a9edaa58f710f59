using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DerivBot.Host.Tests.Repo;

/// <summary>
/// Keeps the project table of <c>docs/architecture.md</c> honest. The table says which projects each src project may
/// reference; these tests read every src csproj and fail when a project references one its row does not allow, when a
/// project is missing from the table (or the table names one that is gone), and — independently of the table, so the
/// rule cannot be loosened by editing one line of prose — when the dependency direction breaks: Core references no
/// project, Application only Core, the adapters (venues, storage, platforms, charts) only Core and Application, and only
/// the host references an adapter.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const string Core = "DerivBot.Core";
    private const string Application = "DerivBot.Application";
    private const string Host = "DerivBot";

    private static readonly string Root = FindRoot();

    [Fact]
    public void Table_NamesEverySrcProjectAndNoOther()
    {
        var table = ReadTable();
        var projects = ReadProjects();

        Assert.Equal(projects.Keys.Order(StringComparer.Ordinal), table.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SrcProjects_ReferenceOnlyWhatTheTableAllows()
    {
        var table = ReadTable();
        var offenders = ReadProjects()
            .SelectMany(p => p.Value.Where(r => !table.TryGetValue(p.Key, out var allowed) || !allowed.Contains(r))
                .Select(r => $"{p.Key} -> {r}"))
            .ToList();

        Assert.True(offenders.Count == 0,
            $"references docs/architecture.md does not allow (change the code, or the table and its reasons): {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Table_AllowsOnlyInwardReferences()
    {
        var violations = Violations(ReadTable());

        Assert.True(violations.Count == 0, $"docs/architecture.md allows outward references: {string.Join(", ", violations)}");
    }

    [Fact]
    public void SrcProjects_ReferenceOnlyInward()
    {
        var violations = Violations(ReadProjects());

        Assert.True(violations.Count == 0, $"src projects reference outward: {string.Join(", ", violations)}");
    }

    [Fact]
    public void Core_ReferencesNoPackage()
    {
        var packages = XDocument.Load(Path.Combine(Root, "src", Core, $"{Core}.csproj"))
            .Descendants("PackageReference").Select(e => (string?)e.Attribute("Include")).ToList();

        Assert.Empty(packages);
    }

    [Fact]
    public void Violations_FlagEachOutwardReference()
    {
        // The rule itself must be able to fail: each of these breaks it once.
        var graph = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            [Core] = new HashSet<string> { Application },
            [Application] = new HashSet<string> { Core, "DerivBot.Venues" },
            ["DerivBot.Telegram"] = new HashSet<string> { Core, Application, "DerivBot.Storage.Sqlite" },
            ["DerivBot.Charts"] = new HashSet<string> { Core, Host },
            [Host] = new HashSet<string> { Core, Application, "DerivBot.Telegram", "DerivBot.Charts" },
        };

        Assert.Equal(
            new[]
            {
                "DerivBot.Application -> DerivBot.Venues",
                "DerivBot.Charts -> DerivBot",
                "DerivBot.Core -> DerivBot.Application",
                "DerivBot.Telegram -> DerivBot.Storage.Sqlite",
            },
            Violations(graph).Order(StringComparer.Ordinal));
    }

    /// <summary>References that point outward: from Core to anything, from Application to anything but Core, from an
    /// adapter to anything but Core/Application (so to another adapter or the host), and to the host from anywhere.</summary>
    private static List<string> Violations(IReadOnlyDictionary<string, IReadOnlySet<string>> graph) =>
        graph.SelectMany(p => p.Value.Where(r => !Allowed(p.Key, r)).Select(r => $"{p.Key} -> {r}")).ToList();

    private static bool Allowed(string from, string to) => from switch
    {
        Core => false,
        Application => to == Core,
        Host => to != Host,
        _ => to is Core or Application,
    };

    /// <summary>Each src project and the projects its csproj references, by assembly name.</summary>
    private static Dictionary<string, IReadOnlySet<string>> ReadProjects() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(
                f => Path.GetFileNameWithoutExtension(f),
                f => (IReadOnlySet<string>)XDocument.Load(f).Descendants("ProjectReference")
                    .Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? "").Replace('\\', '/')))
                    .ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

    /// <summary>The rows of the project table: <c>| `src/DerivBot.X` | … | `DerivBot.Core`, `DerivBot.Application` |</c>,
    /// the last cell listing what the project may reference ("nothing" when it names none).</summary>
    private static Dictionary<string, IReadOnlySet<string>> ReadTable()
    {
        var doc = File.ReadAllLines(Path.Combine(Root, "docs", "architecture.md"));
        var rows = doc.Select(l => TableRow().Match(l)).Where(m => m.Success).ToList();
        Assert.NotEmpty(rows);
        var table = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var cells = row.Value.Trim().Trim('|').Split('|');
            var allowed = ProjectName().Matches(cells[^1]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            Assert.True(table.TryAdd(row.Groups[1].Value, allowed), $"docs/architecture.md lists {row.Groups[1].Value} twice");
        }
        return table;
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

    [GeneratedRegex(@"^\|\s*`src/(DerivBot(?:\.[A-Za-z]+)*)`\s*\|.*\|\s*$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`(DerivBot(?:\.[A-Za-z]+)*)`")]
    private static partial Regex ProjectName();
}
