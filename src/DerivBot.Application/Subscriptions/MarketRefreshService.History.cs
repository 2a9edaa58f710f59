using DerivBot.Core.Markets;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Subscriptions;

public sealed partial class MarketRefreshService
{
    private async Task RecordHistoryAsync(MarketSnapshot snapshot, CancellationToken ct)
    {
        // Only points newer than what this process already stored go to the database; after a restart the first
        // cycle re-offers everything and the store ignores duplicates by time.
        var key = (snapshot.Venue, snapshot.Symbol);
        var mark = _recorded.GetValueOrDefault(key, Watermark.Empty);
        var funding = snapshot.FundingHistory.Where(p => p.Time > mark.Funding).ToList();
        var oi = snapshot.OpenInterest.Where(p => p.Time > mark.OpenInterest).ToList();
        var ratio = snapshot.GlobalAccountRatio.Where(p => p.Time > mark.Ratio).ToList();
        if (funding.Count == 0 && oi.Count == 0 && ratio.Count == 0)
        {
            return;
        }
        await _history.RecordAsync(snapshot.Venue, snapshot.Symbol, funding, oi, ratio, ct).ConfigureAwait(false);
        _recorded[key] = new Watermark(
            funding.Count > 0 ? funding.Max(p => p.Time) : mark.Funding,
            oi.Count > 0 ? oi.Max(p => p.Time) : mark.OpenInterest,
            ratio.Count > 0 ? ratio.Max(p => p.Time) : mark.Ratio);
    }

    private async Task PruneIfDueAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (now - _lastPrune < PruneEvery)
        {
            return;
        }
        _lastPrune = now;
        var options = _options.CurrentValue;
        var history = await _history.PruneAsync(now - options.HistoryRetention, ct).ConfigureAwait(false);
        var outbox = await _outbox.PruneAsync(now - options.OutboxRetention, ct).ConfigureAwait(false);
        if (history + outbox > 0)
        {
            _logger.LogInformation("Pruned {History} history points and {Outbox} finished outbox rows", history, outbox);
        }
    }

    private sealed record Watermark(DateTimeOffset Funding, DateTimeOffset OpenInterest, DateTimeOffset Ratio)
    {
        public static Watermark Empty { get; } = new(DateTimeOffset.MinValue, DateTimeOffset.MinValue, DateTimeOffset.MinValue);
    }
}
