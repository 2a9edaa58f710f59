using System.Collections.Concurrent;
using DerivBot.Application.Alerts;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;
using Microsoft.Extensions.Options;

namespace DerivBot.Storage.Tests;

/// <summary>Options that never change.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

internal sealed class CountingScheduleNotifier : IScheduleNotifier
{
    public int Calls;

    public Task SchedulesChangedAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        return Task.CompletedTask;
    }
}

internal sealed class FixedClassifier(QuadrantState state) : IQuadrantClassifier
{
    public QuadrantState State { get; set; } = state;

    public QuadrantState Classify(MarketSnapshot snapshot, DateTimeOffset now) => State;
}

/// <summary>A venue that counts every call, per method and symbol.</summary>
internal sealed class CountingVenue : IMarketDataVenue
{
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    private void Count(string what) => Calls.AddOrUpdate(what, 1, (_, n) => n + 1);

    public string Name => "fake";

    public Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken) { Count("perpetuals"); return Task.FromResult<IReadOnlyList<PerpetualContract>>([]); }

    public Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken) { Count("premiumIndex"); return Task.FromResult<IReadOnlyList<PremiumIndex>>([]); }

    public Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken) { Count("funding:" + symbol); return Task.FromResult<IReadOnlyList<FundingRatePoint>>([]); }

    public Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken) { Count("fundingInfo"); return Task.FromResult<IReadOnlyList<FundingInfoEntry>>([]); }

    public Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken) { Count("oi:" + symbol); return Task.FromResult(new OpenInterestPoint(DateTimeOffset.UnixEpoch, 1, 1)); }

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) { Count("oiHist:" + symbol); return Task.FromResult<IReadOnlyList<OpenInterestPoint>>([]); }

    public Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) { Count("ratio:" + symbol); return Task.FromResult<IReadOnlyList<RatioPoint>>([]); }

    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) { Count("taker:" + symbol); return Task.FromResult<IReadOnlyList<TakerVolumePoint>>([]); }

    public Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken) { Count("klines:" + symbol); return Task.FromResult<IReadOnlyList<Kline>>([]); }

    public Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken) { Count("tickers"); return Task.FromResult<IReadOnlyList<Ticker24h>>([]); }

    public Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken) { Count("spotTickers"); return Task.FromResult<IReadOnlyList<Ticker24h>>([]); }
}

/// <summary>
/// Stands in for the market store behind <see cref="IMarketRefresher"/>: one set of per-symbol venue calls for each
/// watched symbol, plus the all-market calls once, per refresh.
/// </summary>
internal sealed class VenueRefresher(IMarketDataVenue venue) : IMarketRefresher
{
    private IReadOnlyCollection<Symbol> _watched = [];

    public string VenueName => venue.Name;

    public void Watch(IReadOnlyCollection<Symbol> symbols) => _watched = symbols;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await venue.GetPremiumIndexAsync(cancellationToken);
        foreach (var symbol in _watched)
        {
            await venue.GetOpenInterestAsync(symbol, cancellationToken);
            await venue.GetFundingHistoryAsync(symbol, default, cancellationToken);
        }
    }
}
