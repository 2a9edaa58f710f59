using DerivBot.Core.Markets;

namespace DerivBot.Application.Market;

/// <summary>Everything the store holds for one loaded (or loading) symbol. Fields are guarded by <see cref="Gate"/>.</summary>
internal sealed class SymbolState(Symbol symbol, MarketOptions options)
{
    public Symbol Symbol { get; } = symbol;

    public object Gate { get; } = new();

    public SymbolSeries Series { get; } = new(options);

    public OpenInterestPoint? LiveOpenInterest { get; set; }

    public bool Loaded { get; set; }

    /// <summary>Set (under the lock) when the refresh dropped this state; users must re-fetch it from the map.</summary>
    public bool Evicted { get; set; }

    /// <summary>The in-flight first load, shared by concurrent readers (single flight).</summary>
    public Task? LoadTask { get; set; }

    public bool RefreshFailed { get; set; }

    public DateTimeOffset? LastSuccess { get; set; }

    public int Watchers { get; set; }

    public DateTimeOffset LeaseUntil { get; set; }

    public DateTimeOffset? StatisticsFetchedAt { get; set; }

    public DateTimeOffset? KlinesFetchedAt { get; set; }

    public DateTimeOffset? FundingFetchedAt { get; set; }
}
