using System.Text;
using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using DerivBot.Venues.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Okx;

/// <summary>
/// OKX <c>liquidation-orders</c> (instType SWAP) on <see cref="OkxOptions.StreamUrl"/> (apis.md B.2). The channel
/// carries every SWAP instrument, so it is subscribed while anything is watched (unsubscribed when nothing is) and the
/// events are filtered to the watched assets. <c>sz</c> is in CONTRACTS: linear coins = sz × ctVal × ctMult; inverse
/// <c>-USD-SWAP</c> contracts are USD-sized, coins = sz × ctVal × ctMult / bkPx. <c>side:"sell"</c> = a long was
/// liquidated. Keepalive is the text <c>ping</c>, answered by the text <c>pong</c>.
/// </summary>
public sealed class OkxLiquidationStream : LiquidationSocketStream
{
    internal const string Topic = "liquidation-orders:SWAP";

    private readonly Func<CancellationToken, Task<IReadOnlyDictionary<string, OkxInstrument>>> _instruments;
    private IReadOnlyDictionary<string, OkxInstrument> _contracts = new Dictionary<string, OkxInstrument>();
    private IReadOnlyDictionary<string, Symbol> _watchedByAsset = new Dictionary<string, Symbol>();
    private long _unknownInstruments;

    public OkxLiquidationStream(IOptions<OkxOptions> options, OkxVenue venue, IWatchedSymbols watched, TimeProvider time, ILogger<OkxLiquidationStream> logger)
        : this(options, venue.InstrumentMapAsync, watched, time, logger, null)
    {
    }

    internal OkxLiquidationStream(
        IOptions<OkxOptions> options,
        Func<CancellationToken, Task<IReadOnlyDictionary<string, OkxInstrument>>> instruments,
        IWatchedSymbols watched,
        TimeProvider time,
        ILogger<OkxLiquidationStream> logger,
        Func<double>? random)
        : base(new Uri(options.Value.StreamUrl), options.Value.Liquidations, watched, time, logger, random)
    {
        _instruments = instruments;
    }

    public override string Name => VenueIds.Okx;

    protected override string PingFrame => "ping";

    protected override IReadOnlySet<string> TopicsFor(IReadOnlyCollection<Symbol> watched) =>
        watched.Count == 0 ? new HashSet<string>() : new HashSet<string>(StringComparer.Ordinal) { Topic };

    protected override IEnumerable<string> SubscribeFrames(IReadOnlyList<string> topics) => [Frame("subscribe")];

    protected override IEnumerable<string> UnsubscribeFrames(IReadOnlyList<string> topics) => [Frame("unsubscribe")];

    private static string Frame(string op) => $$"""{"op":"{{op}}","args":[{"channel":"liquidation-orders","instType":"SWAP"}]}""";

    protected override async Task PrepareAsync(IReadOnlyCollection<Symbol> watched, CancellationToken cancellationToken)
    {
        var byAsset = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        foreach (var s in watched.OrderBy(s => s.Value, StringComparer.Ordinal))
        {
            byAsset.TryAdd(AssetNames.AssetOf(s.Value), s);
        }
        Volatile.Write(ref _watchedByAsset, byAsset);
        if (watched.Count == 0)
        {
            return;
        }
        try
        {
            Volatile.Write(ref _contracts, await _instruments(cancellationToken).ConfigureAwait(false));
        }
        catch (VenueException ex)
        {
            // Keep the sizes we have: contract sizes change rarely, and events without a size are skipped, not guessed.
            Logger.LogWarning("okx liquidation stream: contract sizes not refreshed ({Message})", ex.Message);
        }
    }

    protected override void Deliver(ReadOnlyMemory<byte> frame, IMarketStreamHandler handler)
    {
        if (frame.Span.SequenceEqual("pong"u8))
        {
            return;
        }
        var (raw, error) = Parse(frame);
        if (error is not null)
        {
            Logger.LogWarning("okx liquidation stream: request rejected ({Message})", error);
        }
        var contracts = Volatile.Read(ref _contracts);
        var watched = Volatile.Read(ref _watchedByAsset);
        foreach (var e in raw)
        {
            if (!watched.TryGetValue(AssetNames.AssetOf(e.InstId), out var symbol))
            {
                continue;
            }
            if (!contracts.TryGetValue(e.InstId, out var instrument) || instrument.CtVal <= 0)
            {
                if (_unknownInstruments++ % 100 == 0)
                {
                    Logger.LogWarning("okx liquidation stream: no contract size for {InstId}; event skipped", e.InstId);
                }
                continue;
            }
            handler.OnLiquidation(ToLiquidation(e, instrument, symbol));
        }
    }

    /// <summary>One OKX liquidation detail as sent: <paramref name="Contracts"/> is <c>sz</c>, <paramref name="BankruptcyPrice"/> <c>bkPx</c>.</summary>
    internal readonly record struct RawEvent(string InstId, PositionSide Side, decimal Contracts, decimal BankruptcyPrice, DateTimeOffset Time);

    /// <summary>
    /// Contracts → coins of the instrument's asset → the watched symbol's units. Linear: coins = sz × ctVal × ctMult ×
    /// the name's multiplier; inverse (USD-sized): coins = sz × ctVal × ctMult / bkPx. The watched symbol may itself be
    /// a multiple (<c>1000PEPEUSDT</c>): quantity and price are rescaled so quantity × price stays the USD notional.
    /// </summary>
    internal static Liquidation ToLiquidation(RawEvent e, OkxInstrument instrument, Symbol symbol)
    {
        var multiplier = instrument.CtMult > 0 ? instrument.CtMult : 1m;
        var inverse = instrument.CtType == "inverse" || e.InstId.EndsWith("-USD-SWAP", StringComparison.Ordinal);
        var nameUnit = AssetNames.Parse(e.InstId).CoinsPerUnit;
        var coins = inverse
            ? e.Contracts * instrument.CtVal * multiplier / e.BankruptcyPrice
            : e.Contracts * instrument.CtVal * multiplier * nameUnit;
        var pricePerCoin = e.BankruptcyPrice / nameUnit;
        var symbolUnit = AssetNames.Parse(symbol.Value).CoinsPerUnit;
        var price = pricePerCoin * symbolUnit;
        return new Liquidation(symbol, e.Side, price, price, coins / symbolUnit, e.Time, VenueIds.Okx);
    }

    /// <summary>Parses one frame: the details of a <c>liquidation-orders</c> push, or none for acks (with the message of
    /// an <c>error</c> event).</summary>
    internal static (IReadOnlyList<RawEvent> Events, string? Error) Parse(ReadOnlyMemory<byte> frame)
    {
        var j = new VenueJson(VenueIds.Okx, "liquidation-orders");
        return j.Read(frame, root =>
        {
            j.RequireKind(root, JsonValueKind.Object);
            if (j.OptionalString(root, "event") is { } ev)
            {
                return ((IReadOnlyList<RawEvent>)[], ev == "error" ? $"{j.OptionalString(root, "code")} {j.OptionalString(root, "msg")}".Trim() : null);
            }
            var data = j.Property(root, "data", JsonValueKind.Array);
            var list = new List<RawEvent>();
            foreach (var item in data.EnumerateArray())
            {
                var instId = j.RequireString(item, "instId");
                foreach (var d in j.Property(item, "details", JsonValueKind.Array).EnumerateArray())
                {
                    var side = j.RequireString(d, "side") switch
                    {
                        "sell" => PositionSide.Long, // a long is closed by a forced sell
                        "buy" => PositionSide.Short,
                        var other => throw j.Bad($"liquidation-orders: unknown side '{other}'"),
                    };
                    var sz = j.RequireDecimal(d, "sz");
                    var bkPx = j.RequireDecimal(d, "bkPx");
                    if (sz <= 0 || bkPx <= 0)
                    {
                        throw j.Bad("liquidation-orders: non-positive sz or bkPx");
                    }
                    list.Add(new RawEvent(instId, side, sz, bkPx, j.RequireTime(d, "ts")));
                }
            }
            return ((IReadOnlyList<RawEvent>)list, (string?)null);
        });
    }
}
