using System.Text.Json;
using DerivBot.Core.Markets;

namespace DerivBot.Venues.Replay;

/// <summary>
/// Metadata of the shipped replay scenario (see docs/replay-scenario.md): the window it covers, the instant the demo
/// starts at by default, the liquidation cascade, and its symbols.
/// </summary>
public sealed record ReplayScenario(
    string Name,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset SuggestedStart,
    DateTimeOffset CascadeStart,
    DateTimeOffset CascadeEnd,
    IReadOnlyList<Symbol> Symbols,
    IReadOnlyList<Symbol> SpotSymbols)
{
    private static readonly Lazy<ReplayScenario> Shipped = new(() => Parse(ReplayResources.ReadBytes("scenario.json")));

    /// <summary>The scenario embedded in this assembly.</summary>
    public static ReplayScenario Default => Shipped.Value;

    /// <summary>Clamps <paramref name="instant"/> into [<see cref="Start"/>, <see cref="End"/>].</summary>
    public DateTimeOffset Clamp(DateTimeOffset instant) => instant < Start ? Start : instant > End ? End : instant;

    internal static ReplayScenario Parse(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        DateTimeOffset Time(string name) => root.GetProperty(name).GetDateTimeOffset();
        IReadOnlyList<Symbol> Symbols(string name) => root.GetProperty(name).EnumerateArray().Select(e => new Symbol(e.GetString()!)).ToList();
        return new ReplayScenario(
            root.GetProperty("name").GetString() ?? "scenario",
            Time("start"), Time("end"), Time("suggestedStart"), Time("cascadeStart"), Time("cascadeEnd"),
            Symbols("symbols"), Symbols("spotSymbols"));
    }
}

/// <summary>Reads the scenario files embedded under <c>Replay/Data</c>.</summary>
internal static class ReplayResources
{
    private const string Prefix = "DerivBot.Venues.Replay.Data.";

    public static byte[] ReadBytes(string name)
    {
        using var stream = typeof(ReplayResources).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"The replay scenario file '{name}' is not embedded in {typeof(ReplayResources).Assembly.GetName().Name}.");
        Stream source = stream;
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            source = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        }
        using (source)
        {
            using var buffer = new MemoryStream();
            source.CopyTo(buffer);
            return buffer.ToArray();
        }
    }
}
