using DerivBot.Host.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DerivBot.Host.Hosting;

public static class ConfigurationSetup
{
    /// <summary>
    /// Configuration sources, later wins: config/appsettings.json (committed, no secrets) → environment variables
    /// (<c>Section__Key</c>) → secret files (<c>/run/secrets/Section__Key</c> or <c>DERIVBOT_SECRETS_DIR</c>) →
    /// command-line <c>--Section:Key=value</c> → the verb's own overrides (demo/replay use the shipped scenario).
    /// </summary>
    public static HostApplicationBuilder AddDerivBotConfiguration(
        this HostApplicationBuilder builder,
        CommandLine cli,
        IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cli);
        var config = builder.Configuration;
        config.Sources.Clear();
        config.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: false, reloadOnChange: false);
        if (cli.Verb == Verb.Demo)
        {
            // Demo defaults: overridable like any key. Replaying 26 h of scenario time at 3000× takes ~31 s; a
            // 5-minute refresh cadence in scenario time is then ~10 refreshes per real second.
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Venues:Replay:Speed"] = "3000",
                ["Jobs:RefreshInterval"] = "00:05:00",
                ["Demo:ReplayWindow"] = "1.02:00:00",
                ["Demo:MaxRealTime"] = "00:00:50",
            });
        }
        config.AddEnvironmentVariables();
        var secretsDir = Environment.GetEnvironmentVariable("DERIVBOT_SECRETS_DIR") ?? "/run/secrets";
        if (Directory.Exists(secretsDir))
        {
            config.AddKeyPerFile(secretsDir, optional: true);
        }
        config.AddCommandLine(cli.HostArgs);

        var overrides = new Dictionary<string, string?>();
        if (cli.Replay)
        {
            overrides["Venues:Mode"] = "Replay";
        }
        if (cli.Verb != Verb.Run)
        {
            // One-shot verbs answer and print; chat platforms stay off even when tokens are configured, and nothing
            // listens on a port (two demos, or a demo beside a running bot, never fight over Http:Listen).
            overrides["Telegram:Enabled"] = "false";
            overrides["Discord:Enabled"] = "false";
            overrides["Http:Enabled"] = "false";
        }
        if (cli.Verb == Verb.Ask)
        {
            // ask prints its answer or one clear error line; log output (with stack traces) would bury it.
            overrides["Logging:LogLevel:Default"] = "None";
            if (cli.Replay)
            {
                // A chat's answer reflects the stream's recent liquidations; a one-shot replay ask primes the last day.
                overrides["Venues:Replay:StreamBacklog"] = "1.00:00:00";
            }
        }
        if (cli.Verb == Verb.Demo)
        {
            overrides["Logging:LogLevel:Default"] = "Warning";
            overrides["Logging:Console:FormatterName"] = "simple";
            overrides["Logging:Console:FormatterOptions:SingleLine"] = "true";
            overrides["Demo:Enabled"] = "true";
            // The demo always runs on its own throwaway SQLite file, whatever provider the configuration names.
            overrides["Storage:Provider"] = "Sqlite";
            overrides["Storage:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"derivbot-demo-{Environment.ProcessId}.db")}";
            overrides["Storage:DeleteOnExit"] = "true";
        }
        if (cli.Language is not null)
        {
            overrides["Demo:Language"] = cli.Language;
        }
        config.AddInMemoryCollection(overrides);
        if (extra is not null)
        {
            // Tests point venues and chat APIs at loopback fakes here.
            config.AddInMemoryCollection(extra);
        }
        return builder;
    }
}
