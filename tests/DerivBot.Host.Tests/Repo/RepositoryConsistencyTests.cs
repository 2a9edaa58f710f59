using System.Text.RegularExpressions;

namespace DerivBot.Host.Tests.Repo;

/// <summary>
/// There is no Docker engine on the build machines, so these checks keep the Dockerfile honest instead:
/// it must copy every project the solution has before restore, install the same native packages as CI (and neither
/// installs the cairo/font packages charts no longer need), CI must run exactly the README's test command, and CI must
/// run the chart and demo tests again with the system fonts hidden.
/// </summary>
public sealed partial class RepositoryConsistencyTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Dockerfile_CopiesEveryProjectOfTheSolution()
    {
        var sln = File.ReadAllText(Path.Combine(Root, "DerivBot.sln"));
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var projects = ProjectPath().Matches(sln).Select(m => m.Groups[1].Value.Replace('\\', '/')).ToList();

        Assert.NotEmpty(projects);
        foreach (var project in projects)
        {
            Assert.Contains($"COPY {project} {project}", dockerfile, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dockerfile_InstallsTheNativePackagesCiInstalls()
    {
        var ci = File.ReadAllText(Path.Combine(Root, ".ci", "run"));
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var ciPackages = CiPackages().Match(ci).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("libicu", StringComparison.Ordinal)); // ICU ships in the .NET base images

        foreach (var package in ciPackages)
        {
            Assert.Contains(package, dockerfile, StringComparison.Ordinal);
        }
    }

    /// <summary>Charts draw with SkiaSharp's self-contained library and embedded fonts: no machine needs these any more.</summary>
    private static readonly string[] ChartPackagesNoLongerNeeded =
        ["libcairo2", "libfontconfig1", "fontconfig", "fonts-noto-cjk", "fonts-wqy-microhei"];

    [Fact]
    public void DockerfileAndCi_InstallNoCairoOrFontPackages()
    {
        var ci = File.ReadAllText(Path.Combine(Root, ".ci", "run"));
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var ciPackages = CiPackages().Match(ci).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var dockerInstalls = string.Join("\n", dockerfile.Split('\n').Where(l => l.Contains("apt-get install", StringComparison.Ordinal)));

        Assert.Contains(ciPackages, p => p.StartsWith("libicu", StringComparison.Ordinal));
        foreach (var package in ChartPackagesNoLongerNeeded)
        {
            Assert.DoesNotContain(package, ciPackages);
            Assert.DoesNotContain(package, dockerInstalls, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ci_RunsChartAndDemoTestsWithTheSystemFontsHidden()
    {
        var ci = File.ReadAllText(Path.Combine(Root, ".ci", "run"));

        Assert.Contains("DERIVBOT_SYSTEM_FONTS_HIDDEN=1", ci, StringComparison.Ordinal);
        Assert.Contains("FONTCONFIG_FILE=", ci, StringComparison.Ordinal);
        Assert.Contains("unshare --mount", ci, StringComparison.Ordinal);
        Assert.Contains("mount -t tmpfs none", ci, StringComparison.Ordinal);
        Assert.Contains("/usr/share/fonts", ci, StringComparison.Ordinal);
        Assert.Contains("\"tests/DerivBot.Charts.Tests\"", ci, StringComparison.Ordinal);
        Assert.Contains("FullyQualifiedName~DemoTests", ci, StringComparison.Ordinal);
    }

    [Fact]
    public void Ci_RunsExactlyTheReadmeTestCommand()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var ci = File.ReadAllText(Path.Combine(Root, ".ci", "run"));
        var command = ReadmeTestCommand().Match(readme).Groups[1].Value.Trim();

        Assert.StartsWith("dotnet test", command, StringComparison.Ordinal);
        Assert.Contains(command + " 2>&1", ci, StringComparison.Ordinal);
    }

    [Fact]
    public void Repository_ContainsNoTelegramToken()
    {
        var offenders = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && (f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
            .Where(f => TelegramToken().IsMatch(File.ReadAllText(f)))
            .ToList();

        Assert.Empty(offenders);
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

    [GeneratedRegex(@"""((?:src|tests)\\[^""]+\.csproj)""")]
    private static partial Regex ProjectPath();

    [GeneratedRegex(@"for pkg in ([^;]+); do")]
    private static partial Regex CiPackages();

    [GeneratedRegex(@"```(?:bash|sh)?\s*\n(dotnet test[^\n]*)\n")]
    private static partial Regex ReadmeTestCommand();

    // The shape of a real bot token (8–10 digit bot id, colon, 35 url-safe characters).
    [GeneratedRegex(@"\b[0-9]{8,10}:[A-Za-z0-9_-]{35}\b")]
    private static partial Regex TelegramToken();
}
