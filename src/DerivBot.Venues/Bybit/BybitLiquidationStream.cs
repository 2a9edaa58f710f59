using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Bybit;

/// <summary>
/// Bybit's <c>allLiquidation.{symbol}</c> topics on <see cref="BybitOptions.StreamUrl"/> (apis.md B.1): one topic per
/// watched symbol (there is no all-symbols topic), <c>{"op":"ping"}</c> keepalive, every liquidation in 500 ms batches.
/// <c>S:"Buy"</c> means a LONG was liquidated; <c>p</c> is the bankruptcy price, <c>v</c> the size in base coins.
/// </summary>
public sealed partial class BybitLiquidationStream : LiquidationSocketStream
{
    /// <summary>Bybit rejects subscribe requests with too many args; ten per frame stays well inside.</summary>
    internal const int TopicsPerFrame = 10;

    internal const string TopicPrefix = "allLiquidation.";

    public BybitLiquidationStream(IOptions<BybitOptions> options, IWatchedSymbols watched, TimeProvider time, ILogger<BybitLiquidationStream> logger)
        : this(options, watched, time, logger, null)
    {
    }

    internal BybitLiquidationStream(IOptions<BybitOptions> options, IWatchedSymbols watched, TimeProvider time, ILogger<BybitLiquidationStream> logger, Func<double>? random)
        : base(new Uri(options.Value.StreamUrl), options.Value.Liquidations, watched, time, logger, random)
    {
    }

    public override string Name => VenueIds.Bybit;

    protected override string PingFrame => """{"op":"ping"}""";

    private IReadOnlyDictionary<string, Symbol> _watchedByBybitName = new Dictionary<string, Symbol>();

    protected override IReadOnlySet<string> TopicsFor(IReadOnlyCollection<Symbol> watched)
    {
        var map = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        foreach (var s in watched.OrderBy(s => s.Value, StringComparer.Ordinal))
        {
            map.TryAdd(BybitName(s), s);
        }
        Volatile.Write(ref _watchedByBybitName, map);
        return map.Keys.Select(n => TopicPrefix + n).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The Bybit linear name of a watched symbol in any venue's naming: <c>BTC-USDT-SWAP</c> → <c>BTCUSDT</c>,
    /// <c>1000PEPEUSDT</c> stays as is.</summary>
    internal static string BybitName(Symbol symbol)
    {
        var asset = AssetNames.Parse(symbol.Value);
        var prefix = asset.CoinsPerUnit > 1 ? asset.CoinsPerUnit.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "";
        return prefix + asset.Asset + "USDT";
    }

    protected override IEnumerable<string> SubscribeFrames(IReadOnlyList<string> topics) => Frames("subscribe", topics);

    protected override IEnumerable<string> UnsubscribeFrames(IReadOnlyList<string> topics) => Frames("unsubscribe", topics);

    private static IEnumerable<string> Frames(string op, IReadOnlyList<string> topics) =>
        topics.Chunk(TopicsPerFrame).Select(chunk => JsonSerializer.Serialize(new Dictionary<string, object> { ["op"] = op, ["args"] = chunk }));

    protected override void Deliver(ReadOnlyMemory<byte> frame, IMarketStreamHandler handler)
    {
        var (events, rejected) = Parse(frame);
        if (rejected is not null)
        {
            Logger.LogWarning("bybit liquidation stream: request rejected ({Message})", rejected);
        }
        var watched = Volatile.Read(ref _watchedByBybitName);
        foreach (var l in events)
        {
            // A late push for a topic just unsubscribed is dropped; the rest carry the watched symbol's own name.
            if (watched.TryGetValue(l.Symbol.Value, out var symbol))
            {
                handler.OnLiquidation(l with { Symbol = symbol });
            }
        }
    }
}
