using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Binance;

namespace DerivBot.Venues.Replay;

/// <summary>
/// The shipped scenario, parsed once per process through <see cref="BinanceParsers"/>, the same code that parses
/// live responses. Liquidation frames are kept as raw stream frames and parsed again when the stream plays them.
/// </summary>
internal sealed class ReplayData
{
    private static readonly Lazy<ReplayData> Shipped = new(Load);

    private ReplayData(
        ReplayScenario scenario, Dictionary<Symbol, ReplaySymbolData> symbols, IReadOnlyList<FundingInfoEntry> fundingInfo,
        long[] liquidationTimes, byte[][] liquidationFrames, Liquidation[] otherVenueLiquidations)
    {
        OtherVenueLiquidations = otherVenueLiquidations;
        Scenario = scenario;
        Symbols = symbols;
        FundingInfo = fundingInfo;
        LiquidationTimes = liquidationTimes;
        LiquidationFrames = liquidationFrames;
    }

    public static ReplayData Default => Shipped.Value;

    public ReplayScenario Scenario { get; }

    public IReadOnlyDictionary<Symbol, ReplaySymbolData> Symbols { get; }

    public IReadOnlyList<FundingInfoEntry> FundingInfo { get; }

    /// <summary>Trade time (ms) of each liquidation frame, ascending.</summary>
    public long[] LiquidationTimes { get; }

    /// <summary>Raw <c>!forceOrder@arr</c> combined-stream frames, in the order of <see cref="LiquidationTimes"/>.</summary>
    public byte[][] LiquidationFrames { get; }

    /// <summary>
    /// Bybit and OKX liquidations of the same cascade, ascending by time, from the scenario's
    /// <c>liquidations.bybit.jsonl.gz</c> / <c>liquidations.okx.jsonl.gz</c> (derived by tools/scenario, see
    /// docs/replay-scenario.md), read by the live streams' own parsers so the demo's /liq, digest and liq5m alert show a
    /// per-venue split.
    /// </summary>
    public Liquidation[] OtherVenueLiquidations { get; }

    /// <summary>Bybit <c>allLiquidation</c> pushes and OKX <c>liquidation-orders</c> pushes (contracts converted with the
    /// shipped <c>/api/v5/public/instruments</c> answer's ctVal), each carrying its venue; symbols in the scenario's names.</summary>
    internal static Liquidation[] LoadOtherVenues(IEnumerable<Symbol> symbols)
    {
        var byAsset = symbols.ToDictionary(s => AssetNames.AssetOf(s.Value), s => s, StringComparer.Ordinal);
        var result = new List<Liquidation>();
        foreach (var frame in Lines(ReplayResources.ReadBytes("liquidations.bybit.jsonl.gz")))
        {
            result.AddRange(Bybit.BybitLiquidationStream.Parse(frame).Events);
        }
        var instruments = Okx.OkxParsers.ParseInstruments(ReplayResources.ReadBytes("okx.instruments.json.gz")).ToDictionary(i => i.InstId, StringComparer.Ordinal);
        foreach (var frame in Lines(ReplayResources.ReadBytes("liquidations.okx.jsonl.gz")))
        {
            foreach (var e in Okx.OkxLiquidationStream.Parse(frame).Events)
            {
                result.Add(Okx.OkxLiquidationStream.ToLiquidation(e, instruments[e.InstId], byAsset[AssetNames.AssetOf(e.InstId)]));
            }
        }
        result.Sort((a, b) => a.Time.CompareTo(b.Time));
        return [.. result];
    }

    /// <summary>The non-empty lines of a JSON-lines file.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Lines(byte[] text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != (byte)'\n')
            {
                continue;
            }
            if (i > start)
            {
                yield return text.AsMemory(start, i - start);
            }
            start = i + 1;
        }
    }

    private static ReplayData Load()
    {
        var scenario = ReplayScenario.Default;
        var contracts = BinanceParsers.ParseExchangeInfo(ReplayResources.ReadBytes("exchangeInfo.json.gz"));
        var symbols = new Dictionary<Symbol, ReplaySymbolData>();
        foreach (var contract in contracts)
        {
            var s = contract.Symbol.Value;
            byte[] File(string endpoint) => ReplayResources.ReadBytes($"{s}.{endpoint}.json.gz");
            symbols[contract.Symbol] = new ReplaySymbolData
            {
                Contract = contract,
                Klines = new(BinanceParsers.ParseKlines(File("klines")), k => k.OpenTime),
                Premium = new(BinanceParsers.ParsePremiumIndex(File("premiumIndex")), p => p.Time),
                Funding = new(BinanceParsers.ParseFundingRates(File("fundingRate")), f => f.Time),
                OpenInterest = new(BinanceParsers.ParseOpenInterestHist(File("openInterestHist")), o => o.Time),
                GlobalAccounts = new(BinanceParsers.ParseLongShortRatios(File("globalLongShortAccountRatio")), r => r.Time),
                TopAccounts = new(BinanceParsers.ParseLongShortRatios(File("topLongShortAccountRatio")), r => r.Time),
                TopPositions = new(BinanceParsers.ParseLongShortRatios(File("topLongShortPositionRatio")), r => r.Time),
                Taker = new(BinanceParsers.ParseTakerVolume(File("takerlongshortRatio")), t => t.Time),
            };
        }
        var fundingInfo = BinanceParsers.ParseFundingInfo(ReplayResources.ReadBytes("fundingInfo.json.gz"));

        var frames = new List<(long Time, byte[] Frame)>();
        var collector = new LiquidationCollector();
        var text = ReplayResources.ReadBytes("forceOrder.jsonl.gz");
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != (byte)'\n')
            {
                continue;
            }
            if (i > start)
            {
                var frame = text[start..i];
                collector.Last = null;
                BinanceParsers.ParseStreamFrame(frame, collector);
                var liquidation = collector.Last ?? throw new InvalidOperationException("A replay liquidation frame did not parse to a liquidation.");
                frames.Add((liquidation.Time.ToUnixTimeMilliseconds(), frame));
            }
            start = i + 1;
        }
        frames.Sort((a, b) => a.Time.CompareTo(b.Time));
        return new ReplayData(scenario, symbols, fundingInfo, frames.Select(f => f.Time).ToArray(), frames.Select(f => f.Frame).ToArray(), LoadOtherVenues(symbols.Keys));
    }

    private sealed class LiquidationCollector : IMarketStreamHandler
    {
        public Liquidation? Last { get; set; }

        public void OnMarkPrices(IReadOnlyList<PremiumIndex> updates)
        {
        }

        public void OnLiquidation(Liquidation liquidation) => Last = liquidation;

        public void OnStatus(StreamStatus status)
        {
        }
    }
}
