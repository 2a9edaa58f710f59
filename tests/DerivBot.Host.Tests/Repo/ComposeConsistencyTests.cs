using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DerivBot.Host.Tests.Repo;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml is kept honest by reading it: PostgreSQL plus two replicas of the
/// image the Dockerfile builds, every setting it passes is a configuration key the bot knows, the listener port agrees
/// with the Dockerfile's EXPOSE, ENV and HEALTHCHECK, and the healthchecks ask /healthz on that port.
/// </summary>
public sealed partial class ComposeConsistencyTests
{
    private static readonly string Root = FindRoot();

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return (YamlMappingNode)root.Children[new YamlScalarNode("services")];
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> All() =>
        Services().Children.Select(p => (((YamlScalarNode)p.Key).Value!, (YamlMappingNode)p.Value));

    private static IReadOnlyList<(string Name, YamlMappingNode Service)> Replicas() =>
        All().Where(s => Env(s.Service).GetValueOrDefault("Storage__Provider") == "Postgres").ToList();

    private static Dictionary<string, string> Env(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("environment"), out var env) && env is YamlMappingNode map
            ? map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value ?? "")
            : [];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static string HealthTest(YamlMappingNode service)
    {
        var health = (YamlMappingNode)service.Children[new YamlScalarNode("healthcheck")];
        return string.Join(' ', ((YamlSequenceNode)health.Children[new YamlScalarNode("test")]).Children.Select(n => ((YamlScalarNode)n).Value));
    }

    private static int Port(string listen) => int.Parse(listen[(listen.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Compose_PostgresAndTwoReplicasOfTheDockerfileImage()
    {
        var postgres = All().Single(s => Scalar(s.Service, "image")?.StartsWith("postgres:", StringComparison.Ordinal) == true);
        var replicas = Replicas();

        Assert.Equal(2, replicas.Count);
        var built = Assert.Single(replicas, r => Scalar(r.Service, "build") == ".");
        Assert.True(File.Exists(Path.Combine(Root, "Dockerfile")));
        Assert.All(replicas, r => Assert.Equal(Scalar(built.Service, "image"), Scalar(r.Service, "image")));
        Assert.All(replicas, r => Assert.Contains(postgres.Name, ((YamlMappingNode)r.Service.Children[new YamlScalarNode("depends_on")]).Children.Keys.Select(k => ((YamlScalarNode)k).Value)));
        // Both replicas run with the same settings but their Discord shards: what else differs is decided at run time.
        Assert.Equal(Env(replicas[0].Service).Where(p => p.Key != "Discord__ShardIds"), Env(replicas[1].Service).Where(p => p.Key != "Discord__ShardIds"));
    }

    [Fact]
    public void Compose_DiscordShards_SplitBetweenTheReplicasWithoutOverlap()
    {
        // A shard identified by two replicas would get every interaction twice; one run by none would leave guilds unanswered.
        var replicas = Replicas();
        var count = int.Parse(Env(replicas[0].Service)["Discord__ShardCount"], System.Globalization.CultureInfo.InvariantCulture);
        var ids = replicas.SelectMany(r => Env(r.Service)["Discord__ShardIds"].Split(',').Select(i => int.Parse(i, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(Enumerable.Range(0, count), ids.Order());
    }

    [Fact]
    public void Compose_ConnectionString_PointsAtThePostgresServiceAndItsDatabase()
    {
        var (name, postgres) = All().Single(s => Scalar(s.Service, "image")?.StartsWith("postgres:", StringComparison.Ordinal) == true);
        var pg = Env(postgres);
        foreach (var (_, replica) in Replicas())
        {
            var parts = Env(replica)["Storage__ConnectionString"].Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            Assert.Equal(name, parts["Host"]);
            Assert.Equal(pg["POSTGRES_DB"], parts["Database"]);
            Assert.Equal(pg["POSTGRES_USER"], parts["Username"]);
            Assert.Equal(pg["POSTGRES_PASSWORD"], parts["Password"]);
        }
    }

    [Fact]
    public void Compose_EverySetting_IsAConfigurationKeyTheBotKnows()
    {
        using var appsettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "config", "appsettings.json")));
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (var (_, replica) in Replicas())
        {
            foreach (var key in Env(replica).Keys)
            {
                var path = key.Split("__");
                Assert.True(path.Length == 2, $"{key} is not Section__Key");
                // Known = in the committed configuration, or (secrets, provider switches) in the README's configuration table.
                var inAppsettings = appsettings.RootElement.TryGetProperty(path[0], out var section) && section.TryGetProperty(path[1], out _);
                Assert.True(inAppsettings || readme.Contains($"`{path[0]}:{path[1]}`", StringComparison.Ordinal),
                    $"docker-compose.yml sets {key}, which neither config/appsettings.json nor the README's configuration table knows");
            }
        }
    }

    [Fact]
    public void Compose_ListenerPort_AgreesWithTheDockerfileAndTheHealthchecks()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var expose = int.Parse(ExposeLine().Match(dockerfile).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var dockerListen = DockerListen().Match(dockerfile).Groups[1].Value;
        Assert.Equal(expose, Port(dockerListen));
        Assert.Contains($"/dev/tcp/127.0.0.1/{expose}", dockerfile, StringComparison.Ordinal);
        Assert.Contains("GET /healthz", dockerfile, StringComparison.Ordinal);

        var hostPorts = new HashSet<string>();
        foreach (var (name, replica) in Replicas())
        {
            var listen = Env(replica)["Http__Listen"];
            Assert.StartsWith("0.0.0.0:", listen, StringComparison.Ordinal); // reachable from outside the container
            Assert.Equal(expose, Port(listen));
            var mapping = ((YamlScalarNode)((YamlSequenceNode)replica.Children[new YamlScalarNode("ports")]).Children.Single()).Value!;
            Assert.EndsWith(":" + expose, mapping, StringComparison.Ordinal);
            Assert.True(hostPorts.Add(mapping[..mapping.LastIndexOf(':')]), $"{name} publishes the same host port as another replica");
            var test = HealthTest(replica);
            Assert.Contains($"/dev/tcp/127.0.0.1/{expose}", test, StringComparison.Ordinal);
            Assert.Contains("GET /healthz", test, StringComparison.Ordinal);
        }
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

    [GeneratedRegex(@"^EXPOSE (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExposeLine();

    [GeneratedRegex(@"Http__Listen=(\S+)")]
    private static partial Regex DockerListen();
}
