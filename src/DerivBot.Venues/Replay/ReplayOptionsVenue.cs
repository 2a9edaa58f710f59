using System.Text.Json;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Venues.Deribit;

namespace DerivBot.Venues.Replay;

/// <summary>
/// Deribit's option chains as they were during the shipped scenario (docs/replay-scenario.md, "Options chain"): each
/// currency's recorded <c>get_book_summary_by_currency</c> responses, answered "as of" the injected clock (the newest
/// snapshot at or before now, stamped now) and parsed by the same <see cref="DeribitParsers"/> as the live adapter. Named
/// <c>replay:deribit</c> so footers and JSON say it is a replay.
/// </summary>
public sealed class ReplayOptionsVenue : IOptionsVenue
{
    public const string VenueName = "replay:deribit";

    private static readonly Lazy<IReadOnlyDictionary<string, Snapshots>> Shipped = new(Load);

    private readonly TimeProvider _time;

    public ReplayOptionsVenue(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public string Name => VenueName;

    public TimeSpan MinRefreshInterval => TimeSpan.FromMinutes(1);

    public Task<IReadOnlyList<string>> GetOptionAssetsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<string>>([.. Shipped.Value.Keys.Order(StringComparer.Ordinal)]);
    }

    public Task<OptionChain> GetChainAsync(string asset, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        cancellationToken.ThrowIfCancellationRequested();
        var coin = asset.Trim().ToUpperInvariant();
        if (!Shipped.Value.TryGetValue(coin, out var snapshots))
        {
            throw new VenueException(VenueName, VenueErrorKind.InvalidSymbol, $"{VenueName}: no options are listed on {coin} in the scenario");
        }
        var now = _time.GetUtcNow();
        var i = Array.BinarySearch(snapshots.Times, now.ToUnixTimeMilliseconds());
        var index = i >= 0 ? i : ~i - 1;
        if (index < 0)
        {
            throw new VenueException(VenueName, VenueErrorKind.Unreachable,
                $"{VenueName}: the scenario's option chain starts at {DateTimeOffset.FromUnixTimeMilliseconds(snapshots.Times[0]):O}; it is {now:O}");
        }
        var summary = DeribitParsers.ParseBookSummary(snapshots.Lines[index], VenueName, now);
        // Stamped now, as the replay stamps every "current value" endpoint: the recorded snapshot is the chain in force.
        return Task.FromResult(summary.ChainOf(coin, VenueName) with { Time = now });
    }

    private sealed record Snapshots(long[] Times, byte[][] Lines);

    private static IReadOnlyDictionary<string, Snapshots> Load()
    {
        var result = new Dictionary<string, Snapshots>(StringComparer.Ordinal);
        foreach (var currency in new[] { "BTC", "ETH" })
        {
            var text = ReplayResources.ReadBytes($"deribit.{currency}.book_summary.jsonl.gz");
            var lines = new List<(long Time, byte[] Line)>();
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && text[i] != (byte)'\n')
                {
                    continue;
                }
                if (i > start)
                {
                    var line = text[start..i];
                    using var doc = JsonDocument.Parse(line);
                    lines.Add((doc.RootElement.GetProperty("usOut").GetInt64() / 1000, line));
                }
                start = i + 1;
            }
            lines.Sort((a, b) => a.Time.CompareTo(b.Time));
            result[currency] = new Snapshots(lines.Select(l => l.Time).ToArray(), lines.Select(l => l.Line).ToArray());
        }
        return result;
    }
}
