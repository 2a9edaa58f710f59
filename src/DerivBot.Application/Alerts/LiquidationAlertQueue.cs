using System.Collections.Concurrent;
using System.Threading.Channels;
using DerivBot.Application.Market;
using DerivBot.Core.Markets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Alerts;

/// <summary>
/// Hands streamed liquidations to the alert engine without blocking the stream's reader and without a task per event.
/// On the reader thread each event only adds its notional to the symbol's per-second 5-minute total
/// (<see cref="AlertEngine.RecordLiquidation"/>): nothing is ever dropped from the totals, so liq5m sums stay right.
/// Evaluation is coalesced per symbol: a symbol with liquidation rules is queued at most once in a bounded channel
/// (<see cref="Capacity"/> symbols) that one hosted consumer drains, evaluating each symbol against its total at that
/// moment — a flood of 10,000 events/s costs one evaluation per symbol per consumer pass, not 10,000. If the channel
/// is full (more symbols waiting than <see cref="Capacity"/>), the newest symbol's evaluation is dropped and happens at
/// its next event or the next refresh cycle, whichever comes first; its total is kept either way.
/// </summary>
public sealed class LiquidationAlertQueue : BackgroundService, ILiquidationListener
{
    /// <summary>Symbols waiting for evaluation, at most.</summary>
    public const int Capacity = 1024;

    private readonly AlertEngine _engine;
    private readonly ILogger<LiquidationAlertQueue> _logger;
    private readonly Channel<Symbol> _channel = Channel.CreateBounded<Symbol>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly ConcurrentDictionary<Symbol, byte> _queued = new();
    private long _received;
    private long _evaluations;
    private long _droppedEvaluations;

    public LiquidationAlertQueue(AlertEngine engine, ILogger<LiquidationAlertQueue> logger)
    {
        _engine = engine;
        _logger = logger;
    }

    /// <summary>Liquidation events received.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Evaluations run (one per queued symbol).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>Evaluations not queued because the channel was full (the totals were still recorded).</summary>
    public long DroppedEvaluations => Interlocked.Read(ref _droppedEvaluations);

    /// <summary>Symbols waiting for evaluation now.</summary>
    public int Waiting => _channel.Reader.Count;

    public void OnLiquidation(Liquidation liquidation)
    {
        Interlocked.Increment(ref _received);
        _engine.RecordLiquidation(liquidation);
        if (!_engine.WatchesLiquidations(liquidation.Symbol) || !_queued.TryAdd(liquidation.Symbol, 0))
        {
            return; // No rule on it, or an evaluation is already waiting and will see this event's total.
        }
        if (!_channel.Writer.TryWrite(liquidation.Symbol))
        {
            _queued.TryRemove(liquidation.Symbol, out _);
            Interlocked.Increment(ref _droppedEvaluations);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var symbol in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                // Unmark first: an event arriving during the evaluation queues the symbol again, so it is not missed.
                _queued.TryRemove(symbol, out _);
                Interlocked.Increment(ref _evaluations);
                try
                {
                    await _engine.EvaluateLiquidationRulesAsync(symbol, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "Liquidation alert evaluation failed for {Symbol}", symbol);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
