using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
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
public sealed partial class OkxLiquidationStream : LiquidationSocketStream
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
}
