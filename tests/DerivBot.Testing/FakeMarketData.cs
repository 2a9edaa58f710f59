using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>
/// The one <see cref="IMarketData"/> fake, held to <see cref="MarketDataContract"/> like the market store: a fixed
/// universe; a symbol of the universe answers its scripted snapshot (<see cref="With"/>, <see cref="SetFunding"/>) or
/// a minimal fresh one stamped now by this venue; a symbol the venue does not list fails as the venue would
/// (<see cref="VenueErrorKind.InvalidSymbol"/>); <see cref="Failure"/> makes every snapshot fail (a venue down with no
/// data yet). Records every symbol asked for.
/// </summary>
public sealed class FakeMarketData : IMarketData
{
    /// <summary>The universe when none is given.</summary>
    public static readonly string[] DefaultUniverse = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "1000PEPEUSDT", "XRPUSDT"];

    private static readonly DateTimeOffset Listed = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TimeProvider _clock;

    /// <param name="universe">The venue's symbols; none given: <see cref="DefaultUniverse"/>.</param>
    public FakeMarketData(params string[] universe)
        : this(TimeProvider.System, universe)
    {
    }

    /// <param name="clock">Stamps the unscripted snapshots.</param>
    /// <param name="universe">The venue's symbols; none given: <see cref="DefaultUniverse"/>.</param>
    public FakeMarketData(TimeProvider clock, params string[] universe)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Universe = (universe.Length == 0 ? DefaultUniverse : universe)
            .Select(s => new PerpetualContract(new Symbol(s), s.EndsWith("USDT", StringComparison.Ordinal) ? s[..^4] : s, "USDT", "PERPETUAL", "TRADING", 2.5m, Listed))
            .ToList();
    }

    public string VenueName { get; init; } = "binance";

    public List<PerpetualContract> Universe { get; }

    /// <summary>Scripted snapshots by symbol.</summary>
    public ConcurrentDictionary<Symbol, MarketSnapshot> Snapshots { get; } = new();

    /// <summary>When set, every snapshot fails with it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Every symbol a snapshot was asked for, in order.</summary>
    public ConcurrentQueue<Symbol> Requested { get; } = new();

    public int SnapshotReads => Requested.Count;

    public FakeMarketData With(MarketSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Snapshots[snapshot.Symbol] = snapshot;
        return this;
    }

    /// <summary>Scripts a fresh snapshot of <paramref name="symbol"/> with this predicted funding rate (fraction per interval).</summary>
    public void SetFunding(string symbol, decimal rate)
    {
        var s = new Symbol(symbol);
        Snapshots[s] = Default(s) with { Premium = new PremiumIndex(s, 100, 100, 100, rate, 0.0001m, _clock.GetUtcNow().AddHours(1), _clock.GetUtcNow()) };
    }

    /// <summary>What an unscripted symbol of the universe answers: stamped now, mark 100, funding 0.01 %.</summary>
    public MarketSnapshot Default(Symbol symbol) => new()
    {
        Venue = VenueName,
        Symbol = symbol,
        DataTime = _clock.GetUtcNow(),
        Contract = Universe.FirstOrDefault(c => c.Symbol == symbol),
        Premium = new PremiumIndex(symbol, 100, 100, 100, 0.0001m, 0.0001m, _clock.GetUtcNow().AddHours(1), _clock.GetUtcNow()),
    };

    public Task<IReadOnlyList<PerpetualContract>> GetUniverseAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PerpetualContract>>(Universe);

    public Task<MarketSnapshot> GetSnapshotAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        Requested.Enqueue(symbol);
        if (Failure is not null)
        {
            return Task.FromException<MarketSnapshot>(Failure);
        }
        if (Snapshots.TryGetValue(symbol, out var scripted))
        {
            return Task.FromResult(scripted);
        }
        return Universe.Any(c => c.Symbol == symbol)
            ? Task.FromResult(Default(symbol))
            : Task.FromException<MarketSnapshot>(new VenueException(VenueName, VenueErrorKind.InvalidSymbol, "Invalid symbol.") { VendorCode = -1121, HttpStatus = 400 });
    }
}
