using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Gate;

/// <summary>
/// Gate has no public liquidation stream: <c>/futures/usdt/liq_orders</c> is polled every
/// <see cref="GateOptions.LiquidationPollInterval"/> for each watched symbol. Each poll asks for the window since the
/// previous poll of that symbol (the first poll only for the last interval), and only events whose <c>time</c> falls in
/// (previous, now] count, so an event is counted by exactly one poll. A failed poll keeps its window start, so the next
/// poll covers the gap.
/// </summary>
public sealed class GateLiquidationPoller(GateVenue venue, IOptions<GateOptions> options, IWatchedSymbols watched, TimeProvider time, ILogger<GateLiquidationPoller> logger)
    : ILiquidationStream
{
    private readonly Dictionary<Symbol, DateTimeOffset> _windowStart = [];

    public string Name => VenueIds.Gate;

    private TimeSpan Interval => options.Value.LiquidationPollInterval < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : options.Value.LiquidationPollInterval;

    public async Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.OnStatus(new StreamStatus(StreamState.Connected, time.GetUtcNow(), "gate: polling liq_orders"));
        while (!cancellationToken.IsCancellationRequested)
        {
            await PollOnceAsync(handler, cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        handler.OnStatus(new StreamStatus(StreamState.Disconnected, time.GetUtcNow(), "gate: stopped"));
    }

    /// <summary>One round over the watched symbols. Returns the number of events delivered.</summary>
    internal async Task<int> PollOnceAsync(IMarketStreamHandler handler, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Whole seconds: Gate's times are seconds, so the window edges are too.
        now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var symbols = watched.WatchedSymbols;
        foreach (var gone in _windowStart.Keys.Where(k => !symbols.Contains(k)).ToList())
        {
            _windowStart.Remove(gone);
        }
        var delivered = 0;
        foreach (var symbol in symbols)
        {
            var after = _windowStart.TryGetValue(symbol, out var start) ? start : now - Interval;
            try
            {
                var events = await venue.GetLiquidationsAsync(symbol, after, now, cancellationToken).ConfigureAwait(false);
                foreach (var e in events)
                {
                    handler.OnLiquidation(e);
                    delivered++;
                }
                _windowStart[symbol] = now;
            }
            catch (VenueException ex)
            {
                logger.LogWarning("gate liquidations for {Symbol}: {Message}; the next poll covers the gap", symbol, ex.Message);
            }
        }
        return delivered;
    }
}
