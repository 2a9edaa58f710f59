using System.Text.Json;
using DerivBot.Testing;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests compose the whole bot and, in the demo and worker tests, keep both cores busy for many
/// seconds. Running them one at a time (and after the parallel unit tests) keeps their timing margins wide on a
/// loaded 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "EndToEnd";
}

/// <summary>What one in-process run of the executable printed and returned.</summary>
public sealed record AppRun(int ExitCode, string Out, string Err)
{
    /// <summary>
    /// Runs <c>DerivBotApp.RunAsync</c> — the same entry point as <c>Program.cs</c> — with captured output. The SQLite
    /// store and the image folder always live in <paramref name="temp"/> so runs never touch the working directory
    /// or each other.
    /// </summary>
    public static async Task<AppRun> RunAsync(
        string[] args,
        TempDirectory temp,
        IReadOnlyDictionary<string, string?>? overrides = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(temp);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await DerivBotApp.RunAsync(args, stdout, stderr, WithTemp(temp, overrides), cancellationToken);
        return new AppRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// <c>ask "<paramref name="text"/>" --replay</c> (plus <c>--json</c>, <c>--lang</c>) with no network at all. The replay
    /// scenario is parsed on first use: the run gets 90 s on a slow, loaded machine.
    /// </summary>
    public static async Task<AppRun> AskReplayAsync(TempDirectory temp, string text, bool json, string? language = null)
    {
        var args = new List<string> { "ask", text, "--replay" };
        if (json)
        {
            args.Add("--json");
        }
        if (language is not null)
        {
            args.AddRange(["--lang", language]);
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return await RunAsync([.. args], temp, cancellationToken: cts.Token);
    }

    /// <summary>
    /// A closed port on this machine. Every venue a test does not serve itself points here, so a Live-mode host built by a
    /// test never reaches for a real exchange (tests talk to loopback only); connecting is refused at once, and the venue
    /// is reported missing like any unreachable venue.
    /// </summary>
    public const string ClosedLoopback = "127.0.0.1:9";

    /// <summary>Every venue's REST and stream address at <see cref="ClosedLoopback"/>; a test overrides the ones it serves.</summary>
    public static IReadOnlyDictionary<string, string?> OfflineVenues { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Venues:Binance:FuturesRestUrl"] = "http://" + ClosedLoopback,
        ["Venues:Binance:SpotRestUrl"] = "http://" + ClosedLoopback,
        ["Venues:Binance:FuturesStreamUrl"] = "ws://" + ClosedLoopback + "/market",
        ["Venues:Bybit:RestUrl"] = "http://" + ClosedLoopback,
        ["Venues:Bybit:StreamUrl"] = "ws://" + ClosedLoopback + "/v5/public/linear",
        ["Venues:Okx:RestUrl"] = "http://" + ClosedLoopback,
        ["Venues:Okx:StreamUrl"] = "ws://" + ClosedLoopback + "/ws/v5/public",
        ["Venues:Hyperliquid:RestUrl"] = "http://" + ClosedLoopback,
        ["Venues:Gate:RestUrl"] = "http://" + ClosedLoopback + "/api/v4",
        ["Venues:Aster:RestUrl"] = "http://" + ClosedLoopback,
        ["Venues:Deribit:RestUrl"] = "http://" + ClosedLoopback + "/api/v2",
    };

    /// <summary>
    /// Storage, image folder and Discord's command-hash file under <paramref name="temp"/>, every venue offline
    /// (<see cref="OfflineVenues"/>), then the test's own keys.
    /// </summary>
    public static Dictionary<string, string?> WithTemp(TempDirectory temp, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(temp);
        var all = new Dictionary<string, string?>(OfflineVenues, StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:ConnectionString"] = "Data Source=" + temp.File("bot.db"),
            ["Demo:OutputDirectory"] = temp.File("out"),
            ["Discord:CommandHashPath"] = temp.File("discord-commands.sha256"),
            // Any free port: tests run side by side and beside a developer's own bot on 8080.
            ["Http:Listen"] = "127.0.0.1:0",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return all;
    }

    /// <summary>stdout parsed as the one JSON document <c>ask --json</c> prints.</summary>
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Out);
        return doc.RootElement.Clone();
    }

    /// <summary>Non-empty stderr lines.</summary>
    public IReadOnlyList<string> ErrLines =>
        Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A readable dump for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";

    /// <summary>True when <paramref name="text"/> holds a CJK ideograph (the Chinese answers must really be Chinese).</summary>
    public static bool HasHan(string text) => text.Any(c => c is >= '\u4E00' and <= '\u9FFF');
}
